import numpy as np


class KNeighborsClassifier:
    """argpartition, then the k chosen sorted by distance: among equal distances the order (and which tied point is kept) is arbitrary."""

    def __init__(self, n_neighbors=5, weights="uniform"):
        self.n_neighbors = n_neighbors
        self.weights = weights

    def fit(self, X, y):
        self.X_train_ = np.asarray(X, dtype=np.float64)
        y = np.asarray(y)
        # classes_ sorted ascending; the training labels as indices into it
        self.classes_, self._y_index = np.unique(y, return_inverse=True)
        return self

    @staticmethod
    def _pairwise_distances(A, B):
        """Euclidean distances (m, n) by ||a||^2 - 2 a.b + ||b||^2, clipped at 0: rounding
        makes the expansion slightly negative for (near-)identical points."""
        squared = (A * A).sum(axis=1)[:, None] - 2.0 * (A @ B.T) + (B * B).sum(axis=1)[None, :]
        return np.sqrt(np.maximum(squared, 0.0))

    def kneighbors(self, X):
        X = np.asarray(X, dtype=np.float64)
        distances = self._pairwise_distances(X, self.X_train_)
        k = self.n_neighbors
        chosen = np.argpartition(distances, k - 1, axis=1)[:, :k]
        picked = np.take_along_axis(distances, chosen, axis=1)
        order = np.argsort(picked, axis=1)
        return np.take_along_axis(picked, order, axis=1), np.take_along_axis(chosen, order, axis=1)

    def predict(self, X):
        distances, indices = self.kneighbors(X)
        if self.weights == "distance":
            zero = distances == 0.0
            # a query on top of training points: only those points vote, one vote each
            inverse = 1.0 / np.where(zero, 1.0, distances)
            weight = np.where(zero.any(axis=1, keepdims=True), zero * 1.0, inverse)
        else:
            weight = np.ones_like(distances)
        labels = self._y_index[indices]  # (m, k) class indices
        one_hot = labels[:, :, None] == np.arange(len(self.classes_))
        votes = (weight[:, :, None] * one_hot).sum(axis=1)  # (m, n_classes)
        # argmax returns the first maximum: ties go to the smallest label
        return self.classes_[votes.argmax(axis=1)]
