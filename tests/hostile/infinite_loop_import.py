"""Infinite loop at import time: every group's worker hangs while loading the solution. Verdict: time_limit."""

import numpy as np

while True:
    pass


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        raise NotImplementedError

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
