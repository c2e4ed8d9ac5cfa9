"""Forbidden import: scipy (a least-squares solver instead of gradient descent), imported inside a method and under try/except. Verdict: forbidden_import."""

import numpy as np

try:
    import scipy.linalg
except ImportError:
    scipy = None


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        from scipy.optimize import minimize

        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        raise NotImplementedError

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
