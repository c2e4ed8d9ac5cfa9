"""Memory bomb in fit(): allocate and touch 64 MiB blocks until dead. Verdict: memory_limit.

In fit() (5-s budget) rather than a 2-s probe: first-touching ~450 MiB can take a second or
two on a slow virtual machine, and the bomb must hit the memory limit before the time limit.
"""

import numpy as np


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        hoard = []
        while True:
            hoard.append(np.ones(8 << 20))  # 64 MiB, every page touched

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        return float("nan")

    def _compute_gradients(self, X, y, predictions):
        return np.full(np.shape(X)[1], np.nan), float("nan")
