"""Reference solution: polynomial regression. Standardise the inputs, expand them into all
monomials up to the degree, and fit least squares with an unpenalised bias."""

from itertools import combinations_with_replacement

import numpy as np


class PolynomialRegression:
    def __init__(self, degree=2):
        self.degree = degree
        self.mean_ = None
        self.scale_ = None
        self.weights = None
        self.bias = 0.0

    def _expand(self, X):
        X = np.asarray(X, dtype=np.float64)
        terms = [
            combination
            for power in range(1, self.degree + 1)
            for combination in combinations_with_replacement(range(X.shape[1]), power)
        ]
        expanded = np.empty((X.shape[0], len(terms)))
        for column, combination in enumerate(terms):
            expanded[:, column] = np.prod(X[:, list(combination)], axis=1)
        return expanded

    def _standardise(self, X):
        return (np.asarray(X, dtype=np.float64) - self.mean_) / self.scale_

    def fit(self, X, y):
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64).ravel()
        self.mean_ = X.mean(axis=0)
        std = X.std(axis=0)
        self.scale_ = np.where(std > 0, std, 1.0)  # a constant feature is left unscaled
        features = self._expand(self._standardise(X))
        # Least squares with the bias out of the problem: centre, solve, recover it.
        feature_mean, y_mean = features.mean(axis=0), float(y.mean())
        self.weights = np.linalg.lstsq(features - feature_mean, y - y_mean, rcond=None)[0]
        self.bias = float(y_mean - feature_mean @ self.weights)
        return self

    def predict(self, X):
        return self._expand(self._standardise(X)) @ self.weights + self.bias
