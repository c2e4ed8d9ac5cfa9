"""os._exit(0) inside fit(): the worker process ends at once with status 0, bypassing every handler. Verdict: runtime_error."""

import numpy as np

os = __import__("os")


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        os._exit(0)

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        return float("nan")

    def _compute_gradients(self, X, y, predictions):
        return np.full(np.shape(X)[1], np.nan), float("nan")
