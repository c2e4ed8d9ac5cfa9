# WRONG (math): the loss is the SUM of the per-sample cross-entropies, and the gradient is
# the gradient of that sum (n times the statement's): consistent with itself, and stable.
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
    def sigmoid(z):
        return 1.0 / (1.0 + np.exp(-np.clip(z, -250, 250)))

    def _compute_loss(self, probs, y):
        probs = np.clip(probs, 1e-12, 1 - 1e-12)
        return -np.sum(y * np.log(probs) + (1 - y) * np.log(1 - probs))

    def _compute_gradients(self, X, y, probs):
        error = probs - y
        return X.T @ error, np.sum(error)

    def fit(self, X, y):
        self.weights = np.zeros(X.shape[1])
        self.bias = 0.0
        self.loss_history = []
        for i in range(self.n_iterations):
            probs = self.sigmoid(X @ self.weights + self.bias)
            self.loss_history.append(self._compute_loss(probs, y))
            dw, db = self._compute_gradients(X, y, probs)
            self.weights -= self.learning_rate * dw
            self.bias -= self.learning_rate * db
            if i > 0 and abs(self.loss_history[-2] - self.loss_history[-1]) < self.tol:
                break
        return self

    def predict_proba(self, X):
        return self.sigmoid(X @ self.weights + self.bias)

    def predict(self, X):
        return (self.predict_proba(X) >= 0.5).astype(int)
