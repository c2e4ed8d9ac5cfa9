"""The MSE without the 1/2 (a common convention), with the gradient 2/n X^T r that is
consistent with it: only mathematical_correctness may charge the convention."""

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
        return float(np.mean((predictions - y) ** 2))

    def _compute_gradients(self, X, y, predictions):
        residuals = predictions - y
        return 2.0 * X.T @ residuals / len(y), 2.0 * float(np.mean(residuals))
