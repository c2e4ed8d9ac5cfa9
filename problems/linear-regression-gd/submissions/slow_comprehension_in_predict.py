"""A list comprehension over samples in predict(); everything else vectorized."""

import numpy as np


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol

    def fit(self, X, y):
        self.weights = np.zeros(X.shape[1])
        self.bias = 0.0
        self.loss_history = []
        for i in range(self.n_iterations):
            predictions = X @ self.weights + self.bias
            self.loss_history.append(self._compute_loss(predictions, y))
            if i > 0 and abs(self.loss_history[-2] - self.loss_history[-1]) < self.tol:
                break
            dw, db = self._compute_gradients(X, y, predictions)
            self.weights = self.weights - self.learning_rate * dw
            self.bias = self.bias - self.learning_rate * db
        return self

    def predict(self, X):
        return np.array([float(row @ self.weights) + self.bias for row in X])

    def _compute_loss(self, predictions, y):
        return float(0.5 * np.mean((predictions - y) ** 2))

    def _compute_gradients(self, X, y, predictions):
        residuals = predictions - y
        return X.T @ residuals / X.shape[0], float(np.mean(residuals))
