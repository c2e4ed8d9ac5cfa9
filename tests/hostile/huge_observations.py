"""Huge observations: every attribute and return value is an array just under the encoder's 2M-element cap, so each probe answers with ~20 MB and the run with far more than the trusted side accepts. Verdict: output_limit."""

import numpy as np

BIG = 1_300_000


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        self.learning_rate = np.full(BIG, np.nan)
        self.n_iterations = np.full(BIG, np.nan)

    def fit(self, X, y):
        for _row in X:  # a loop over samples: loses the static vectorization check
            pass
        self.weights = np.full(BIG, np.nan)
        self.loss_history = np.full(BIG, np.nan)

    def predict(self, X):
        return np.full(BIG, np.nan)

    def _compute_loss(self, predictions, y):
        return np.full(BIG, np.nan)

    def _compute_gradients(self, X, y, predictions):
        return np.full(BIG, np.nan), np.full(BIG, np.nan)
