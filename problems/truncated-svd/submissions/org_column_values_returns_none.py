import numpy as np


class TruncatedSVD:
    """Right maths, but singular_values_ is a (k, 1) column and fit returns None."""

    def __init__(self, n_components=2):
        self.n_components = n_components

    def fit(self, X):
        X = np.asarray(X, dtype=np.float64)
        k = self.n_components
        # SVD of X directly: X^T X would square the entries (and overflow or underflow)
        _, singular_values, Vt = np.linalg.svd(X, full_matrices=False)
        # the sign convention: each component's entry of largest magnitude is positive
        rows = np.arange(len(Vt))
        Vt = Vt * np.sign(Vt[rows, np.abs(Vt).argmax(axis=1)])[:, None]
        self.components_ = Vt[:k]
        self.singular_values_ = singular_values[:k, None]
        # the variance (divisor n) of each column of transform(X), and its share of the
        # total variance of X's columns
        self.explained_variance_ = (X @ self.components_.T).var(axis=0)
        total = X.var(axis=0).sum()
        ratio = self.explained_variance_ / total if total > 0 else np.zeros(k)
        self.explained_variance_ratio_ = ratio

    def transform(self, X):
        return np.asarray(X, dtype=np.float64) @ self.components_.T

    def inverse_transform(self, Z):
        return np.asarray(Z, dtype=np.float64) @ self.components_
