import numpy as np


class PCA:
    """Principal component analysis of centred data."""

    def __init__(self, n_components=None):
        """Store the hyperparameter as an attribute with this exact name."""
        raise NotImplementedError

    def fit(self, X):
        """Find the principal axes of X (n, d).

        Sets mean_ (d,), components_ (k, d), explained_variance_ (k,),
        explained_variance_ratio_ (k,), singular_values_ (k,) and n_components_ (int).
        Returns self.
        """
        raise NotImplementedError

    def transform(self, X):
        """Coordinates of the rows of X (m, d) along the components: shape (m, k)."""
        raise NotImplementedError

    def inverse_transform(self, Z):
        """Back from coordinates Z (m, k) to the original space: shape (m, d)."""
        raise NotImplementedError
