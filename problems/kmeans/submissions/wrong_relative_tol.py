# Wrong (convergence only): stops when the centres' shift is small RELATIVE to their norm
# (||C_new - C_old|| / ||C_old|| <= tol), not when no centre moved more than tol.
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

    def fit(self, X):
        X = np.asarray(X, dtype=float)
        rng = np.random.default_rng(self.random_state)
        C = self._init(X, rng)
        self.loss_history = []
        self.n_iter_ = 0
        for it in range(self.max_iter):
            D = self._d2(X, C)
            labels = D.argmin(axis=1)
            self.loss_history.append(float(D.min(axis=1).sum()))
            new = C.copy()
            for j in range(self.n_clusters):
                if np.any(labels == j):
                    new[j] = X[labels == j].mean(axis=0)
            relative = np.linalg.norm(new - C) / np.linalg.norm(C)
            C = new
            self.n_iter_ = it + 1
            if relative <= self.tol:
                break
        self.cluster_centers_ = C
        D = self._d2(X, C)
        self.labels_ = D.argmin(axis=1)
        self.inertia_ = float(D.min(axis=1).sum())
        return self

    def predict(self, X):
        return self._d2(np.asarray(X, dtype=float), self.cluster_centers_).argmin(axis=1)
