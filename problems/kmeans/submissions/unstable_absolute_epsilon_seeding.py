# Wrong (stability): k-means++ weights D(x)^2 plus a fixed epsilon of 1e-10, "to avoid a
# division by zero". At scale 1 the epsilon changes nothing; with the data times 2^-70 every
# squared distance is near 1e-42, the epsilon swamps them and the seeding becomes uniform.

import numpy as np


class KMeans:
    def __init__(self, n_clusters=8, max_iter=300, tol=1e-4, random_state=None):
        self.n_clusters = n_clusters
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    @staticmethod
    def _squared_distances(X, centres):
        """(n, k) squared Euclidean distances, by broadcasting (exact, never negative)."""
        diff = X[:, None, :] - centres[None, :, :]
        np.square(diff, out=diff)
        return diff.sum(axis=2)

    def _init_centres(self, X, rng):
        n = X.shape[0]
        centres = np.empty((self.n_clusters, X.shape[1]))
        centres[0] = X[rng.integers(n)]
        closest = self._squared_distances(X, centres[:1])[:, 0]
        for j in range(1, self.n_clusters):
            total = closest.sum()
            index = rng.choice(n, p=(closest + 1e-10) / (total + n * 1e-10))
            centres[j] = X[index]
            closest = np.minimum(closest, self._squared_distances(X, centres[j : j + 1])[:, 0])
        return centres

    def _assign(self, X, centres):
        distances = self._squared_distances(X, centres)
        labels = distances.argmin(axis=1)
        return labels, float(distances.min(axis=1).sum())

    def fit(self, X):
        X = np.asarray(X, dtype=np.float64)
        k = self.n_clusters
        rng = np.random.default_rng(self.random_state)
        centres = self._init_centres(X, rng)
        self.loss_history = []
        self.n_iter_ = 0
        for iteration in range(1, self.max_iter + 1):
            labels, inertia = self._assign(X, centres)
            self.loss_history.append(inertia)
            counts = np.bincount(labels, minlength=k)
            sums = np.stack(
                [np.bincount(labels, weights=column, minlength=k) for column in X.T], axis=1
            )
            # an empty cluster keeps its previous centre
            new_centres = np.where(
                counts[:, None] > 0, sums / np.maximum(counts, 1)[:, None], centres
            )
            shift = np.sqrt(((new_centres - centres) ** 2).sum(axis=1)).max()
            centres = new_centres
            self.n_iter_ = iteration
            if shift <= self.tol:
                break
        self.cluster_centers_ = centres
        self.labels_, self.inertia_ = self._assign(X, centres)
        return self

    def predict(self, X):
        X = np.asarray(X, dtype=np.float64)
        return self._squared_distances(X, self.cluster_centers_).argmin(axis=1)
