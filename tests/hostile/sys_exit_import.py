"""sys.exit(0) at import time (SystemExit while the solution loads). Verdict: runtime_error."""

import numpy as np

__import__("sys").exit(0)


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
