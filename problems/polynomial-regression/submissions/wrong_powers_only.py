from itertools import combinations_with_replacement

import numpy as np


class PolynomialRegression:
    """The one-feature habit np.column_stack([X**k for k in 1..degree]): no cross terms
    such as x0 * x1 when there are several features."""

    def __init__(self, degree=2):
        self.degree = degree

    def _expand(self, X):
        return np.column_stack([X**k for k in range(1, self.degree + 1)])

    def fit(self, X, y):
        self.mean_, self.scale_ = X.mean(axis=0), X.std(axis=0)
        self.scale_[self.scale_ == 0] = 1.0
        F = self._expand((X - self.mean_) / self.scale_)
        F_mean, y_mean = F.mean(axis=0), y.mean()
        self.weights = np.linalg.lstsq(F - F_mean, y - y_mean, rcond=None)[0]
        self.bias = float(y_mean - F_mean @ self.weights)
        return self

    def predict(self, X):
        return self._expand((X - self.mean_) / self.scale_) @ self.weights + self.bias
