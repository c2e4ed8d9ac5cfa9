# Accepted: ||x||^2 - 2x.c + ||c||^2 distances clipped at 0, np.bincount update,
# cumulative-sum sampling for k-means++, a while loop, and the final inertia appended
# to loss_history (length n_iter_ + 1).
import numpy as np


def pairwise_sq(X, C):
    d2 = (X * X).sum(axis=1)[:, None] - 2.0 * X @ C.T + (C * C).sum(axis=1)[None, :]
    return np.maximum(d2, 0.0)


class KMeans:
    def __init__(self, n_clusters=8, max_iter=300, tol=1e-4, random_state=None):
        self.n_clusters = n_clusters
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def _seed(self, X, rng):
        n = len(X)
        chosen = [int(rng.integers(0, n))]
        d2 = pairwise_sq(X, X[chosen]).ravel()
        while len(chosen) < self.n_clusters:
            total = d2.sum()
            if total <= 0.0:
                nxt = int(rng.integers(0, n))
            else:
                cdf = np.cumsum(d2)
                nxt = int(np.searchsorted(cdf, rng.random() * cdf[-1], side="right"))
                nxt = min(nxt, n - 1)
            chosen.append(nxt)
            d2 = np.minimum(d2, pairwise_sq(X, X[nxt : nxt + 1]).ravel())
        return X[chosen].copy()

    def fit(self, X):
        X = np.array(X, dtype=float)
        rng = np.random.default_rng(self.random_state)
        C = self._seed(X, rng)
        k, d = C.shape
        hist = []
        it = 0
        done = False
        while not done and it < self.max_iter:
            D = pairwise_sq(X, C)
            lab = np.argmin(D, axis=1)
            hist.append(D[np.arange(len(X)), lab].sum())
            cnt = np.bincount(lab, minlength=k)
            S = np.stack([np.bincount(lab, weights=X[:, f], minlength=k) for f in range(d)], axis=1)
            newC = C.copy()
            nz = cnt > 0
            newC[nz] = S[nz] / cnt[nz, None]
            done = np.linalg.norm(newC - C, axis=1).max() <= self.tol
            C = newC
            it += 1
        D = pairwise_sq(X, C)
        self.labels_ = np.argmin(D, axis=1)
        self.inertia_ = float(D[np.arange(len(X)), self.labels_].sum())
        hist.append(self.inertia_)
        self.loss_history = np.array(hist)
        self.cluster_centers_ = C
        self.n_iter_ = it
        return self

    def predict(self, X):
        return np.argmin(pairwise_sq(np.asarray(X, dtype=float), self.cluster_centers_), axis=1)
