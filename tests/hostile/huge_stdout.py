"""Huge stdout: print 1 MiB lines forever from _compute_loss. Verdict: output_limit."""

import numpy as np


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        line = "x" * (1 << 20)
        while True:
            print(line)

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
