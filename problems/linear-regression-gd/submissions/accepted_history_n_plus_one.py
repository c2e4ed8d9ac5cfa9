"""The loss of the starting point, then the loss after every update: n_iterations + 1
entries, each the loss the model really had. Stops when the change falls below tol."""

import numpy as np


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol

    def fit(self, X, y):
        self.weights = np.zeros(X.shape[1])
        self.bias = 0.0
        self.loss_history = [self._compute_loss(self.predict(X), y)]
        for _ in range(self.n_iterations):
            dw, db = self._compute_gradients(X, y, self.predict(X))
            self.weights -= self.learning_rate * dw
            self.bias -= self.learning_rate * db
            self.loss_history.append(self._compute_loss(self.predict(X), y))
            if abs(self.loss_history[-2] - self.loss_history[-1]) < self.tol:
                break
        return self

    def predict(self, X):
        return X @ self.weights + self.bias

    def _compute_loss(self, predictions, y):
        return float(np.mean((predictions - y) ** 2) / 2)

    def _compute_gradients(self, X, y, predictions):
        residuals = predictions - y
        return np.dot(X.T, residuals) / len(residuals), float(residuals.mean())
