"""sys.exit(0) inside fit() (a "clean" exit in the middle of a probe). Verdict: runtime_error."""

import numpy as np

sys = __import__("sys")


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        sys.exit(0)

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        return float("nan")

    def _compute_gradients(self, X, y, predictions):
        return np.full(np.shape(X)[1], np.nan), float("nan")
