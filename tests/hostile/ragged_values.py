"""Ragged values: the right numbers in the wrong containers: gradients, weights and predictions as ragged lists of lists, db as a dict, the loss as [loss, []], the bias as (b, [b]), loss_history as a scalar. Verdict: wrong_answer.

Twin: twins/vectorized.py

Each must fail the checks that read it (or be compared after flattening), never crash a
probe in the harness or a check on the trusted side (internal_error).
"""

import numpy as np


def _ragged(values):
    """The numbers as a ragged list of lists: [[a], [b, c], [d, e, f], ...]."""
    values = [float(v) for v in np.ravel(values)]
    rows, start, width = [], 0, 1
    while start < len(values):
        rows.append(values[start : start + width])
        start, width = start + width, width + 1
    return rows


def _flat(rows):
    return [v for row in rows for v in row]


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol
        self.weights = None
        self.bias = 0.0
        self.loss_history = []

    def fit(self, X, y):
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64).ravel()
        self.weights, self.bias, self.loss_history = np.zeros(X.shape[1]), 0.0, []
        for iteration in range(self.n_iterations):
            predictions = X @ self.weights + self.bias
            loss = self._compute_loss(predictions, y)[0]
            self.loss_history.append(loss)
            if iteration > 0 and abs(self.loss_history[-2] - loss) < self.tol:
                break
            dw, db = self._compute_gradients(X, y, predictions)
            dw, db = np.array(_flat(dw)), db["db"]
            self.weights = self.weights - self.learning_rate * dw
            self.bias = float(self.bias - self.learning_rate * db)
        self.loss_history = float(self.loss_history[-1])  # a scalar, not a list
        self.weights = _ragged(self.weights)
        self.bias = (self.bias, [self.bias])
        return self

    def predict(self, X):
        weights = np.array(_flat(self.weights))
        return _ragged(np.asarray(X, dtype=np.float64) @ weights + self.bias[0])

    def _compute_loss(self, predictions, y):
        r = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        return [float(0.5 * np.mean(r * r)), []]  # a number and an empty list

    def _compute_gradients(self, X, y, predictions):
        r = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        return _ragged(X.T @ r / X.shape[0]), {"db": float(np.mean(r))}
