import numpy as np


class LinearRegression:
    """Everything in float32 "to save memory": overflows and loses precision."""

    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol

    def fit(self, X, y):
        X = np.asarray(X, dtype=np.float32)
        y = np.asarray(y, dtype=np.float32)
        self.weights = np.zeros(X.shape[1], dtype=np.float32)
        self.bias = 0.0
        self.loss_history = []
        for i in range(self.n_iterations):
            predictions = X @ self.weights + np.float32(self.bias)
            self.loss_history.append(self._compute_loss(predictions, y))
            if i > 0 and abs(self.loss_history[-2] - self.loss_history[-1]) < self.tol:
                break
            dw, db = self._compute_gradients(X, y, predictions)
            self.weights = (self.weights - self.learning_rate * dw).astype(np.float32)
            self.bias = float(self.bias - self.learning_rate * db)
        return self

    def predict(self, X):
        return np.asarray(X, dtype=np.float32) @ self.weights + np.float32(self.bias)

    def _compute_loss(self, predictions, y):
        residuals = np.asarray(predictions, dtype=np.float32) - np.asarray(y, dtype=np.float32)
        return float(np.float32(0.5) * np.mean(residuals * residuals))

    def _compute_gradients(self, X, y, predictions):
        X = np.asarray(X, dtype=np.float32)
        residuals = np.asarray(predictions, dtype=np.float32) - np.asarray(y, dtype=np.float32)
        return X.T @ residuals / np.float32(X.shape[0]), float(np.mean(residuals))
