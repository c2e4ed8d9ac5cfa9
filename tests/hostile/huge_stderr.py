"""Huge stderr: write to sys.stderr and straight to fd 2 forever from _compute_loss. Verdict: output_limit."""

import numpy as np

os = __import__("os")
sys = __import__("sys")


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        chunk = "E" * (1 << 16)
        while True:
            sys.stderr.write(chunk)
            os.write(2, chunk.encode())

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
