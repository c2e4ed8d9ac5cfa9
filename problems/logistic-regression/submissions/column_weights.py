# WRONG (organization): weights of shape (d, 1) and column outputs (n, 1), as in many
# tutorials; the mathematics is exact.
import numpy as np


class LogisticRegression:
    def __init__(self, learning_rate=0.1, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol
        self.weights = None
        self.bias = 0.0
        self.loss_history = []

    @staticmethod
    def _sigmoid(z):
        return np.exp(-np.logaddexp(0.0, -z))

    def _compute_loss(self, probs, y):
        probs = np.clip(probs.reshape(-1, 1), 1e-15, 1 - 1e-15)
        y = y.reshape(-1, 1)
        m = y.shape[0]
        return float(-(y.T @ np.log(probs) + (1 - y).T @ np.log(1 - probs)).item() / m)

    def _compute_gradients(self, X, y, probs):
        m = X.shape[0]
        dz = probs.reshape(-1, 1) - y.reshape(-1, 1)
        return X.T @ dz / m, float(np.sum(dz) / m)

    def fit(self, X, y):
        m, n = X.shape
        self.weights = np.zeros((n, 1))
        self.bias = 0.0
        self.loss_history = []
        for i in range(self.n_iterations):
            A = self._sigmoid(X @ self.weights + self.bias)
            self.loss_history.append(self._compute_loss(A, y))
            dw, db = self._compute_gradients(X, y, A)
            self.weights = self.weights - self.learning_rate * dw
            self.bias = self.bias - self.learning_rate * db
            if i > 0 and abs(self.loss_history[-2] - self.loss_history[-1]) < self.tol:
                break
        return self

    def predict_proba(self, X):
        return self._sigmoid(X @ self.weights + self.bias)

    def predict(self, X):
        return (self.predict_proba(X) >= 0.5).astype(int)
