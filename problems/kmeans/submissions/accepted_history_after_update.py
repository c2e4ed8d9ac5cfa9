# Accepted: loss_history records, after each update, the inertia of the updated centres
# (every sample assigned to its nearest new centre), as the statement allows.
import numpy as np


class KMeans:
    def __init__(self, n_clusters=8, max_iter=300, tol=1e-4, random_state=None):
        self.n_clusters = n_clusters
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def _d2(self, X, C):
        return np.maximum(
            (X**2).sum(axis=1)[:, None] - 2.0 * X @ C.T + (C**2).sum(axis=1)[None, :], 0.0
        )

    def _seed(self, X, rng):
        n = X.shape[0]
        C = np.empty((self.n_clusters, X.shape[1]))
        C[0] = X[rng.integers(n)]
        d2 = self._d2(X, C[:1]).ravel()
        for j in range(1, self.n_clusters):
            s = d2.sum()
            C[j] = X[rng.choice(n, p=d2 / s) if s > 0 else rng.integers(n)]
            d2 = np.minimum(d2, self._d2(X, C[j : j + 1]).ravel())
        return C

    def fit(self, X):
        X = np.asarray(X, dtype=np.float64)
        rng = np.random.default_rng(self.random_state)
        C = self._seed(X, rng)
        k = self.n_clusters
        labels = self._d2(X, C).argmin(axis=1)
        self.loss_history = []
        self.n_iter_ = 0
        while self.n_iter_ < self.max_iter:
            counts = np.bincount(labels, minlength=k)[:, None]
            sums = np.zeros_like(C)
            np.add.at(sums, labels, X)
            new_C = np.where(counts > 0, sums / np.maximum(counts, 1), C)
            moved = np.sqrt(((new_C - C) ** 2).sum(axis=1)).max()
            C = new_C
            d2 = self._d2(X, C)
            labels = d2.argmin(axis=1)
            self.loss_history.append(float(d2.min(axis=1).sum()))
            self.n_iter_ += 1
            if moved <= self.tol:
                break
        self.cluster_centers_ = C
        self.labels_ = labels
        self.inertia_ = self.loss_history[-1]
        return self

    def predict(self, X):
        return self._d2(np.asarray(X, dtype=np.float64), self.cluster_centers_).argmin(axis=1)
