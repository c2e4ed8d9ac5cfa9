import numpy as np


class NormalEquationRegression:
    """Ordinary least squares, solved in closed form from the normal equations."""

    def __init__(self, fit_intercept=True):
        """Store fit_intercept as an attribute of the same name.

        After fit(): self.weights (ndarray, shape (n_features,)) and self.bias (float).
        """
        raise NotImplementedError

    def fit(self, X, y):
        """Solve the least-squares problem in one step. Returns self.

        X: ndarray (n_samples, n_features); y: ndarray (n_samples,). When the minimiser is
        not unique (collinear features), return the one whose weights have the smallest norm.
        Solve linear systems; do not form a matrix inverse.
        """
        raise NotImplementedError

    def predict(self, X):
        """Return X @ weights + bias as an ndarray of shape (n_samples,)."""
        raise NotImplementedError
