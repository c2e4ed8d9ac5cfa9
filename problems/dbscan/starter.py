import numpy as np


class DBSCAN:
    """Density-based clustering: core points, border points and noise."""

    def __init__(self, eps=0.5, min_samples=5):
        """Store the hyperparameters as attributes with these exact names."""
        raise NotImplementedError

    def fit(self, X):
        """Cluster X of shape (n, d).

        Sets labels_ (n,) int: the cluster of every point, -1 for noise; and
        core_sample_indices_ (int, increasing): the indices of the core points.
        Returns self.
        """
        raise NotImplementedError
