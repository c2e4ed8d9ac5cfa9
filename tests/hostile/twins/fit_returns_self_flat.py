"""Honest twin: the interface patch_call_server.py's patched call server shows, written plainly (fit() returns self, predict() a flat (n,) array)."""

import numpy as np


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
            loss = self._compute_loss(predictions, y)
            self.loss_history.append(loss)
            if iteration > 0 and abs(self.loss_history[-2] - loss) < self.tol:
                break
            dw, db = self._compute_gradients(X, y, predictions)
            self.weights = self.weights - self.learning_rate * dw
            self.bias = float(self.bias - self.learning_rate * db)
        return self

    def predict(self, X):
        return np.asarray(X, dtype=np.float64) @ self.weights + self.bias

    def _compute_loss(self, predictions, y):
        r = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        return float(0.5 * np.mean(r * r))

    def _compute_gradients(self, X, y, predictions):
        r = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        return X.T @ r / X.shape[0], float(np.mean(r))
