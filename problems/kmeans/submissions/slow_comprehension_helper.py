# Wrong (vectorization only): a per-sample helper, _closest(x), called in list
# comprehensions over the samples in fit and predict. The mathematics is exact.
import numpy as np


class KMeans:
    def __init__(self, n_clusters=8, max_iter=300, tol=1e-4, random_state=None):
        self.n_clusters = n_clusters
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def _closest(self, x, centroids):
        return int(np.argmin(np.sum((centroids - x) ** 2, axis=1)))

    def _kmeans_plus_plus(self, X, rng):
        n = len(X)
        centroids = [X[rng.integers(n)]]
        for _ in range(1, self.n_clusters):
            d2 = np.min(((X[:, None, :] - np.array(centroids)[None]) ** 2).sum(axis=2), axis=1)
            total = d2.sum()
            centroids.append(X[rng.choice(n, p=d2 / total) if total > 0 else rng.integers(n)])
        return np.array(centroids)

    def _inertia(self, X, centroids, labels):
        return float(((X - centroids[labels]) ** 2).sum())

    def fit(self, X):
        X = np.asarray(X, dtype=float)
        rng = np.random.default_rng(self.random_state)
        centroids = self._kmeans_plus_plus(X, rng)
        self.loss_history = []
        for iteration in range(self.max_iter):
            labels = np.array([self._closest(x, centroids) for x in X])
            self.loss_history.append(self._inertia(X, centroids, labels))
            new_centroids = np.array(
                [
                    X[labels == j].mean(axis=0) if np.any(labels == j) else centroids[j]
                    for j in range(self.n_clusters)
                ]
            )
            shift = np.max(np.linalg.norm(new_centroids - centroids, axis=1))
            centroids = new_centroids
            self.n_iter_ = iteration + 1
            if shift <= self.tol:
                break
        self.cluster_centers_ = centroids
        self.labels_ = np.array([self._closest(x, centroids) for x in X])
        self.inertia_ = self._inertia(X, centroids, self.labels_)
        return self

    def predict(self, X):
        return np.array([self._closest(x, self.cluster_centers_) for x in np.asarray(X, float)])
