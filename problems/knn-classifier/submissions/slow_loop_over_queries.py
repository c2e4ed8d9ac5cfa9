import numpy as np


class KNeighborsClassifier:
    """The textbook loop: one query at a time (each step vectorised over the training set)."""

    def __init__(self, n_neighbors=5, weights="uniform"):
        self.n_neighbors = n_neighbors
        self.weights = weights

    def fit(self, X, y):
        self.X_train_ = np.asarray(X, dtype=float)
        self.y_train_ = np.asarray(y)
        self.classes_ = np.unique(self.y_train_)
        return self

    def _neighbours(self, x):
        distances = np.sqrt(((self.X_train_ - x) ** 2).sum(axis=1))
        order = np.argsort(distances, kind="stable")[: self.n_neighbors]
        return distances[order], order

    def kneighbors(self, X):
        pairs = [self._neighbours(x) for x in np.asarray(X, dtype=float)]
        return np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])

    def predict(self, X):
        predictions = []
        for x in np.asarray(X, dtype=float):
            distances, order = self._neighbours(x)
            if self.weights == "distance":
                if (distances == 0).any():
                    weight = (distances == 0).astype(float)
                else:
                    weight = 1.0 / distances
            else:
                weight = np.ones(len(order))
            votes = np.zeros(len(self.classes_))
            for label, w in zip(self.y_train_[order], weight):
                votes[np.searchsorted(self.classes_, label)] += w
            predictions.append(self.classes_[np.argmax(votes)])
        return np.array(predictions)
