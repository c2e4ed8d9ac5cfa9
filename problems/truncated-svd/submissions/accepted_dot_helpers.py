import numpy as np


def _flip_signs(V):
    pivot = np.take_along_axis(V, np.abs(V).argmax(axis=1)[:, None], axis=1)
    return V * np.where(pivot < 0, -1.0, 1.0)


def _column_variance(A):
    return np.var(A, axis=0, ddof=0)


class TruncatedSVD:
    """Module-level helpers, X.dot, singular values kept as (k, 1) internally and returned
    flat."""

    def __init__(self, n_components=2):
        self.n_components = n_components

    def fit(self, X):
        X = np.array(X, dtype=np.float64)
        _, s, vt = np.linalg.svd(X, full_matrices=False)
        k = self.n_components
        self.components_ = _flip_signs(vt[:k])
        column = s[:k].reshape(-1, 1)
        self.singular_values_ = column.ravel()
        self.explained_variance_ = _column_variance(X.dot(self.components_.T))
        self.explained_variance_ratio_ = self.explained_variance_ / _column_variance(X).sum()
        return self

    def transform(self, X):
        return np.asarray(X, dtype=np.float64).dot(self.components_.T)

    def inverse_transform(self, Z):
        return np.asarray(Z, dtype=np.float64).dot(self.components_)
