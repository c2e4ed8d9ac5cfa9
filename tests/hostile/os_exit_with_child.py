"""os._exit(0) in _compute_loss after forking a sleeping child that keeps its copies of the harness pipes: the worker is dead, but its response pipe never reaches end-of-file. Verdict: runtime_error.

The harness should notice that the worker itself exited (and say so at once), not wait for the
probe's whole budget and call it a time limit.
"""

import numpy as np

os = __import__("os")
time = __import__("time")


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        if os.fork() == 0:
            while True:
                time.sleep(1)
        os._exit(0)

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
