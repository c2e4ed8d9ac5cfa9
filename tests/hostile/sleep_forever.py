"""Sleep forever in _compute_loss (no CPU used, so only wall-clock timing can stop it). Verdict: time_limit."""

import numpy as np

time = __import__("time")


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        while True:
            time.sleep(3600)

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
