"""Recursion bomb: sys.setrecursionlimit(10**8) then unbounded recursion through a C call in fit(), overflowing the C stack (SIGSEGV). Verdict: runtime_error.

Each level goes through function.__call__ (a C slot): Python 3.11 runs plain Python-to-Python
recursion on the heap, which would only be a slow memory bomb.
"""

import numpy as np

sys = __import__("sys")


def _deeper(n):
    return _deeper.__call__(n + 1) + 1


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        sys.setrecursionlimit(10**8)
        return _deeper(0)

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        return float("nan")

    def _compute_gradients(self, X, y, predictions):
        return np.full(np.shape(X)[1], np.nan), float("nan")
