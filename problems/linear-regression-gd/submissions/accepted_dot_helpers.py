import math

import numpy as np


class LinearRegression:
    """np.dot, other helper names, an inf sentinel, and the history stored as an array."""

    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        self.learning_rate = float(learning_rate)
        self.n_iterations = int(n_iterations)
        self.tol = float(tol)
        self.weights = None
        self.bias = 0.0
        self.loss_history = np.empty(0)

    def _linear(self, X):
        return np.dot(X, self.weights) + self.bias

    def _apply(self, dw, db):
        self.weights = self.weights - self.learning_rate * dw
        self.bias = self.bias - self.learning_rate * float(db)

    def fit(self, X, y):
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float)
        self.weights = np.zeros(X.shape[1])
        self.bias = 0.0
        losses = []
        last = math.inf
        for _ in range(self.n_iterations):
            out = self._linear(X)
            current = self._compute_loss(out, y)
            losses.append(current)
            if abs(last - current) < self.tol:
                break
            last = current
            self._apply(*self._compute_gradients(X, y, out))
        self.loss_history = np.array(losses)
        return self

    def predict(self, X):
        return self._linear(np.asarray(X, dtype=float))

    def _compute_loss(self, predictions, y):
        err = np.subtract(predictions, y)
        return float(np.dot(err, err)) / (2 * len(err))

    def _compute_gradients(self, X, y, predictions):
        err = np.subtract(predictions, y)
        m = len(err)
        return np.dot(err, X) / m, float(np.sum(err)) / m
