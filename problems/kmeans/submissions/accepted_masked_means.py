# Accepted: masked means in a loop over clusters, broadcasting distances.
import numpy as np


class KMeans:
    def __init__(self, n_clusters=8, max_iter=300, tol=1e-4, random_state=None):
        self.n_clusters = n_clusters
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def _d2(self, X, C):
        return ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)

    def _init(self, X, rng):
        n = len(X)
        C = [X[rng.integers(n)]]
        closest = self._d2(X, np.array(C)).min(axis=1)
        for _ in range(1, self.n_clusters):
            total = closest.sum()
            i = rng.choice(n, p=closest / total) if total > 0 else rng.integers(n)
            C.append(X[i])
            closest = np.minimum(closest, ((X - X[i]) ** 2).sum(axis=1))
        return np.array(C, dtype=float)

    def _update(self, X, labels, C):
        new = C.copy()
        for j in range(self.n_clusters):
            members = X[labels == j]
            if len(members):
                new[j] = members.mean(axis=0)
        return new

    def fit(self, X):
        X = np.asarray(X, dtype=float)
        rng = np.random.default_rng(self.random_state)
        C = self._init(X, rng)
        self.loss_history = []
        self.n_iter_ = 0
        for it in range(self.max_iter):
            D = self._d2(X, C)
            labels = D.argmin(axis=1)
            self.loss_history.append(float(D[np.arange(len(X)), labels].sum()))
            new = self._update(X, labels, C)
            shift = np.sqrt(((new - C) ** 2).sum(axis=1)).max()
            C = new
            self.n_iter_ = it + 1
            if shift <= self.tol:
                break
        self.cluster_centers_ = C
        D = self._d2(X, C)
        self.labels_ = D.argmin(axis=1)
        self.inertia_ = float(D[np.arange(len(X)), self.labels_].sum())
        return self

    def predict(self, X):
        return self._d2(np.asarray(X, dtype=float), self.cluster_centers_).argmin(axis=1)
