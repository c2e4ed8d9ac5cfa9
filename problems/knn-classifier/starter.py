import numpy as np


class KNeighborsClassifier:
    """k-nearest-neighbours classification with a uniform or a distance-weighted vote."""

    def __init__(self, n_neighbors=5, weights="uniform"):
        """Store the hyperparameters as attributes with these exact names."""
        raise NotImplementedError

    def fit(self, X, y):
        """Remember the training set X (n, d) and its integer labels y (n,).

        Sets classes_ (the sorted distinct labels). Returns self.
        """
        raise NotImplementedError

    def kneighbors(self, X):
        """For every row of X (m, d): (distances, indices), both of shape (m, n_neighbors).

        distances: float Euclidean distances to the nearest training points, nearest first;
        indices: their int row indices in the training set (equal distances: smaller index
        first).
        """
        raise NotImplementedError

    def predict(self, X):
        """The predicted label for every row of X (m, d): an int array of shape (m,)."""
        raise NotImplementedError
