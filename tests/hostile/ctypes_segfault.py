"""ctypes segfault: ctypes.string_at(0) in fit() kills the worker with SIGSEGV. Verdict: runtime_error."""

import numpy as np

ctypes = __import__("ctypes")


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        ctypes.string_at(0)

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        return float("nan")

    def _compute_gradients(self, X, y, predictions):
        return np.full(np.shape(X)[1], np.nan), float("nan")
