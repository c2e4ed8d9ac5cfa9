"""NaN and infinity in every numeric output (loss, gradients, weights, predictions, history). Verdict: wrong_answer.

The structure is also off (bias is an array, predictions a column, fit returns None), so no
check may pass: NaN/inf must never pass a numeric comparison.
"""

import numpy as np


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        self.learning_rate = float("nan")
        self.n_iterations = float("inf")
        self.tol = float("-inf")

    def fit(self, X, y):
        for _row in X:  # a loop over samples: loses the static vectorization check
            pass
        self.weights = np.full(np.shape(X)[1], np.inf)
        self.bias = np.array([np.nan])
        self.loss_history = [np.nan, np.inf, -np.inf]

    def predict(self, X):
        return np.full((np.shape(X)[0], 1), np.nan)

    def _compute_loss(self, predictions, y):
        return float("nan")

    def _compute_gradients(self, X, y, predictions):
        return np.full(np.shape(X)[1], np.inf), float("-inf")
