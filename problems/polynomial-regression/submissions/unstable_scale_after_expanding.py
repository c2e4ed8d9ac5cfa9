from itertools import combinations_with_replacement

import numpy as np


class PolynomialRegression:
    """Standardises the expanded columns instead of the inputs: x, x**2, x**3 of inputs near
    1000 are nearly collinear however they are scaled."""

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
        F = self._expand(X)
        self.mean_, self.scale_ = F.mean(axis=0), F.std(axis=0)
        self.scale_[self.scale_ == 0] = 1.0
        y_mean = y.mean()
        self.weights = np.linalg.lstsq((F - self.mean_) / self.scale_, y - y_mean, rcond=None)[0]
        self.bias = float(y_mean)
        return self

    def predict(self, X):
        return (self._expand(X) - self.mean_) / self.scale_ @ self.weights + self.bias
