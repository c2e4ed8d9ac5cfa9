"""Close fds 0-4 (stdin, stdout, stderr and both harness pipes) in _compute_loss, then return. Verdict: runtime_error."""

import numpy as np

os = __import__("os")


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        for fd in range(5):
            try:
                os.close(fd)
            except OSError:
                pass
        return 0.0

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
