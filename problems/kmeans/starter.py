import numpy as np


class KMeans:
    """K-means clustering: k-means++ initialisation, then Lloyd's algorithm."""

    def __init__(self, n_clusters=8, max_iter=300, tol=1e-4, random_state=None):
        """Store the hyperparameters as attributes with these exact names."""
        raise NotImplementedError

    def fit(self, X):
        """Cluster X of shape (n, d).

        Sets cluster_centers_ (k, d), labels_ (n,), inertia_ (float), n_iter_ (int) and
        loss_history (one inertia per iteration). Returns self.
        """
        raise NotImplementedError

    def predict(self, X):
        """Index of the nearest centre for every row of X: int array of shape (n,)."""
        raise NotImplementedError
