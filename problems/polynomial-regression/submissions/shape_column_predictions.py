from itertools import combinations_with_replacement

import numpy as np


class PolynomialRegression:
    """Exact mathematics, but predict returns a column of shape (n, 1)."""

    def __init__(self, degree=2):
        self.degree = degree

    def _expand(self, X):
        combos = [
            c
            for k in range(1, self.degree + 1)
            for c in combinations_with_replacement(range(X.shape[1]), k)
        ]
        return np.column_stack([np.prod(X[:, list(c)], axis=1) for c in combos])

    def fit(self, X, y):
        self.mean_, self.scale_ = X.mean(axis=0), X.std(axis=0)
        self.scale_[self.scale_ == 0] = 1.0
        F = self._expand((X - self.mean_) / self.scale_)
        F_mean, y_mean = F.mean(axis=0), y.mean()
        self.weights = np.linalg.lstsq(F - F_mean, y - y_mean, rcond=None)[0]
        self.bias = float(y_mean - F_mean @ self.weights)
        return self

    def predict(self, X):
        return (self._expand((X - self.mean_) / self.scale_) @ self.weights + self.bias)[:, None]
