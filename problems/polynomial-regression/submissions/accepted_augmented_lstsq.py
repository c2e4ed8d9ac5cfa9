from itertools import combinations_with_replacement

import numpy as np


class PolynomialRegression:
    """Min-max scaling to [-1, 1], the bias as a column of ones in np.linalg.lstsq, and the
    expansion as a list of products of index combinations."""

    def __init__(self, degree=2):
        self.degree = degree

    def _expand(self, X):
        combos = [
            c
            for k in range(1, self.degree + 1)
            for c in combinations_with_replacement(range(X.shape[1]), k)
        ]
        return np.stack([X[:, c].prod(axis=1) for c in combos], axis=1)

    def _scale(self, X):
        return (X - self.centre) / self.half_range

    def fit(self, X, y):
        low, high = X.min(axis=0), X.max(axis=0)
        self.centre = (low + high) / 2
        self.half_range = np.where(high > low, (high - low) / 2, 1.0)
        design = np.column_stack([self._expand(self._scale(X)), np.ones(len(X))])
        solution = np.linalg.lstsq(design, y, rcond=None)[0]
        self.weights, self.bias = solution[:-1], float(solution[-1])
        return self

    def predict(self, X):
        return self._expand(self._scale(X)) @ self.weights + self.bias
