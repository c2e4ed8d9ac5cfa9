"""Thread bomb in _compute_loss: start busy threads until none can start, then spin. Verdict: time_limit."""

import numpy as np

threading = __import__("threading")


def _spin():
    while True:
        pass


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        threads = []
        while True:
            try:
                thread = threading.Thread(target=_spin, daemon=True)
                thread.start()
                threads.append(thread)
            except (RuntimeError, MemoryError, OSError):
                break
        while True:
            pass

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
