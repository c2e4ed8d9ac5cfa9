"""Exact mathematics with column vectors: weights of shape (d, 1), predictions (n, 1) and
dw (d, 1). The shapes cost code_organization only."""

import numpy as np


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol

    def fit(self, X, y):
        y = np.asarray(y, dtype=float).reshape(-1, 1)
        self.weights = np.zeros((X.shape[1], 1))
        self.bias = 0.0
        self.loss_history = []
        for i in range(self.n_iterations):
            predictions = self.predict(X)
            self.loss_history.append(self._compute_loss(predictions, y))
            if i > 0 and abs(self.loss_history[-2] - self.loss_history[-1]) < self.tol:
                break
            dw, db = self._compute_gradients(X, y, predictions)
            self.weights = self.weights - self.learning_rate * dw
            self.bias = self.bias - self.learning_rate * db
        return self

    def predict(self, X):
        return X @ self.weights + self.bias

    def _compute_loss(self, predictions, y):
        residuals = np.reshape(predictions, (-1, 1)) - np.reshape(y, (-1, 1))
        return float(0.5 * np.mean(residuals**2))

    def _compute_gradients(self, X, y, predictions):
        residuals = np.reshape(predictions, (-1, 1)) - np.reshape(y, (-1, 1))
        return X.T @ residuals / X.shape[0], float(np.mean(residuals))
