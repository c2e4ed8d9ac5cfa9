import numpy as np


class KNeighborsClassifier:
    """The whole answer for one query in a helper, called from comprehensions."""

    def __init__(self, n_neighbors=5, weights="uniform"):
        self.n_neighbors = n_neighbors
        self.weights = weights

    def fit(self, X, y):
        self.X_ = np.asarray(X, dtype=float)
        self.classes_, self.codes_ = np.unique(y, return_inverse=True)
        return self

    def _one(self, x):
        distances = np.linalg.norm(self.X_ - x, axis=1)
        order = np.argsort(distances, kind="stable")[: self.n_neighbors]
        nearest = distances[order]
        if self.weights == "distance":
            weight = (nearest == 0) * 1.0 if (nearest == 0).any() else 1.0 / nearest
        else:
            weight = np.ones(len(order))
        votes = np.bincount(self.codes_[order], weights=weight, minlength=len(self.classes_))
        return nearest, order, self.classes_[votes.argmax()]

    def kneighbors(self, X):
        answers = [self._one(x) for x in np.asarray(X, dtype=float)]
        return np.array([a[0] for a in answers]), np.array([a[1] for a in answers])

    def predict(self, X):
        return np.array([self._one(x)[2] for x in np.asarray(X, dtype=float)])
