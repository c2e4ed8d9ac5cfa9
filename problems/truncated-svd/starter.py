import numpy as np


class TruncatedSVD:
    """Truncated singular value decomposition of X (no centring)."""

    def __init__(self, n_components=2):
        """Store the hyperparameter as an attribute with this exact name."""
        raise NotImplementedError

    def fit(self, X):
        """Find the k largest singular values of X (n, d) and their right singular vectors.

        Sets components_ (k, d), singular_values_ (k,), explained_variance_ (k,) and
        explained_variance_ratio_ (k,). Returns self.
        """
        raise NotImplementedError

    def transform(self, X):
        """X (m, d) in the coordinates of the components: shape (m, k)."""
        raise NotImplementedError

    def inverse_transform(self, Z):
        """Back from coordinates Z (m, k) to the original space: shape (m, d)."""
        raise NotImplementedError
