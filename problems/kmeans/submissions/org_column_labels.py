# Wrong (organization only): labels_ and predict() are column vectors of shape (n, 1)
# (argmin with keepdims=True); the mathematics is exact.
import numpy as np


class KMeans:
    def __init__(self, n_clusters=8, max_iter=300, tol=1e-4, random_state=None):
        self.n_clusters = n_clusters
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    @staticmethod
    def _sq_dist(X, C):
        return np.sum((X[:, None, :] - C[None, :, :]) ** 2, axis=-1)

    def _init_centers(self, X, rng):
        n = X.shape[0]
        centers = [X[rng.integers(n)]]
        d2 = self._sq_dist(X, np.array(centers))[:, 0]
        for _ in range(1, self.n_clusters):
            if d2.sum() > 0:
                idx = rng.choice(n, p=d2 / d2.sum())
            else:
                idx = rng.integers(n)
            centers.append(X[idx])
            d2 = np.minimum(d2, self._sq_dist(X, X[idx][None, :])[:, 0])
        return np.array(centers)

    def _assign(self, X, C):
        d = self._sq_dist(X, C)
        labels = np.argmin(d, axis=1, keepdims=True)  # (n, 1)
        return labels, float(np.take_along_axis(d, labels, axis=1).sum())

    def fit(self, X):
        X = np.asarray(X, dtype=float)
        rng = np.random.default_rng(self.random_state)
        C = self._init_centers(X, rng)
        self.loss_history = []
        for it in range(1, self.max_iter + 1):
            labels, inertia = self._assign(X, C)
            self.loss_history.append(inertia)
            onehot = labels == np.arange(self.n_clusters)[None, :]  # (n, k)
            counts = onehot.sum(axis=0)
            sums = onehot.T.astype(float) @ X
            new_C = np.where(counts[:, None] > 0, sums / np.maximum(counts, 1)[:, None], C)
            shift = np.sqrt(((new_C - C) ** 2).sum(axis=1)).max()
            C = new_C
            self.n_iter_ = it
            if shift <= self.tol:
                break
        self.cluster_centers_ = C
        self.labels_, self.inertia_ = self._assign(X, C)
        return self

    def predict(self, X):
        return self._assign(np.asarray(X, dtype=float), self.cluster_centers_)[0]
