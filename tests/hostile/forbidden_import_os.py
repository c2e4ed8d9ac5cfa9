"""Forbidden import: a plain `import os` (and `from os import system`), rejected before anything runs. Verdict: forbidden_import."""

import os
from os import system

import numpy as np


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        os.system("cat /proc/1/environ")

    def fit(self, X, y):
        system("id")
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        raise NotImplementedError

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
