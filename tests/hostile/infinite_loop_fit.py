"""Infinite loop in fit() (the math methods return NaN so that fit is the first probe to fail). Verdict: time_limit."""

import numpy as np


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        i = 0
        while True:
            i += 1

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        return float("nan")

    def _compute_gradients(self, X, y, predictions):
        return np.full(np.shape(X)[1], np.nan), float("nan")
