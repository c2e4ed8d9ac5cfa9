# Wrong (math): the initial centres are k distinct samples drawn uniformly at random
# (Forgy initialisation), not by k-means++'s D^2 sampling. Everything else is exact.
import numpy as np


class KMeans:
    def __init__(self, n_clusters=8, max_iter=300, tol=1e-4, random_state=None):
        self.n_clusters = n_clusters
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def _distances(self, X, centroids):
        return ((X[:, np.newaxis, :] - centroids[np.newaxis, :, :]) ** 2).sum(axis=2)

    def fit(self, X):
        X = np.asarray(X, dtype=float)
        rng = np.random.default_rng(self.random_state)
        centroids = X[rng.choice(X.shape[0], size=self.n_clusters, replace=False)].copy()
        self.loss_history = []
        self.n_iter_ = 0
        for _ in range(self.max_iter):
            distances = self._distances(X, centroids)
            labels = distances.argmin(axis=1)
            self.loss_history.append(float(distances.min(axis=1).sum()))
            updated = centroids.copy()
            for j in range(self.n_clusters):
                if np.any(labels == j):
                    updated[j] = X[labels == j].mean(axis=0)
            shift = np.linalg.norm(updated - centroids, axis=1).max()
            centroids = updated
            self.n_iter_ += 1
            if shift <= self.tol:
                break
        self.cluster_centers_ = centroids
        distances = self._distances(X, centroids)
        self.labels_ = distances.argmin(axis=1)
        self.inertia_ = float(distances.min(axis=1).sum())
        return self

    def predict(self, X):
        return self._distances(np.asarray(X, dtype=float), self.cluster_centers_).argmin(axis=1)
