"""SIGSTOP to itself in _compute_loss: the worker freezes and never answers. Verdict: time_limit."""

import numpy as np

os = __import__("os")
signal = __import__("signal")


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        os.kill(os.getpid(), signal.SIGSTOP)
        raise RuntimeError("resumed after SIGSTOP")

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
