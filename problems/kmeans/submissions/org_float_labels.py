# Wrong (organization only): labels_ and predict() hold floats (a label array filled
# cluster by cluster from np.zeros); the clustering itself is exact.
import numpy as np


class KMeans:
    def __init__(self, n_clusters=8, max_iter=300, tol=1e-4, random_state=None):
        self.n_clusters = n_clusters
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def _dists(self, X, C):
        return np.linalg.norm(X[:, None, :] - C[None, :, :], axis=2) ** 2

    def _labels(self, X, C):
        d = self._dists(X, C)
        labels = np.zeros(X.shape[0])
        nearest = d.min(axis=1)
        for j in range(C.shape[0] - 1, -1, -1):  # the lowest index wins ties
            labels[d[:, j] == nearest] = j
        return labels

    def fit(self, X):
        X = np.asarray(X, dtype=float)
        rng = np.random.default_rng(self.random_state)
        n = X.shape[0]
        C = X[[rng.integers(n)]]
        for _ in range(1, self.n_clusters):
            d2 = self._dists(X, C).min(axis=1)
            i = rng.choice(n, p=d2 / d2.sum()) if d2.sum() > 0 else rng.integers(n)
            C = np.vstack([C, X[i]])
        self.loss_history = []
        for t in range(self.max_iter):
            labels = self._labels(X, C)
            self.loss_history.append(float(self._dists(X, C).min(axis=1).sum()))
            C_old = C.copy()
            for j in range(self.n_clusters):
                members = X[labels == j]
                if len(members) > 0:
                    C[j] = members.mean(axis=0)
            self.n_iter_ = t + 1
            if np.linalg.norm(C - C_old, axis=1).max() <= self.tol:
                break
        self.cluster_centers_ = C
        self.labels_ = self._labels(X, C)
        self.inertia_ = float(self._dists(X, C).min(axis=1).sum())
        return self

    def predict(self, X):
        return self._labels(np.asarray(X, dtype=float), self.cluster_centers_)
