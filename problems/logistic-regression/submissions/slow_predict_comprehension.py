# SLOW (vectorization): predict classifies the rows one by one in a list comprehension
# (a sigmoid and a threshold per row), as in many tutorials; everything else is vectorized.
import numpy as np


class LogisticRegression:
    def __init__(self, learning_rate=0.1, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol
        self.weights = None
        self.bias = None
        self.loss_history = []

    @staticmethod
    def _sigmoid(z):
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))

    def _compute_loss(self, probs, y):
        p = np.clip(probs, 1e-15, 1.0 - 1e-15)
        return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))

    def _compute_gradients(self, X, y, probs):
        error = probs - y
        return X.T @ error / X.shape[0], float(np.mean(error))

    def fit(self, X, y):
        self.weights = np.zeros(X.shape[1])
        self.bias = 0.0
        self.loss_history = []
        for iteration in range(self.n_iterations):
            probs = self._sigmoid(X @ self.weights + self.bias)
            self.loss_history.append(self._compute_loss(probs, y))
            dw, db = self._compute_gradients(X, y, probs)
            self.weights = self.weights - self.learning_rate * dw
            self.bias = self.bias - self.learning_rate * db
            if iteration > 0 and abs(self.loss_history[-2] - self.loss_history[-1]) < self.tol:
                break
        return self

    def predict_proba(self, X):
        return self._sigmoid(X @ self.weights + self.bias)

    def predict(self, X):
        return np.array(
            [1 if self._sigmoid(row @ self.weights + self.bias) >= 0.5 else 0 for row in X]
        )
