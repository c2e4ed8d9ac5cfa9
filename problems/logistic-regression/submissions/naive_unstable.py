# UNSTABLE (numerical stability): naive sigmoid that overflows, and log(p) without epsilon.
import numpy as np


class LogisticRegression:
    def __init__(self, learning_rate=0.1, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol
        self.weights = None
        self.bias = None
        self.loss_history = []

    def _sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def _compute_loss(self, probs, y):
        return -np.mean(y * np.log(probs) + (1 - y) * np.log(1 - probs))

    def _compute_gradients(self, X, y, probs):
        n = X.shape[0]
        dw = X.T @ (probs - y) / n
        db = np.sum(probs - y) / n
        return dw, db

    def fit(self, X, y):
        n, d = X.shape
        self.weights = np.zeros(d)
        self.bias = 0.0
        self.loss_history = []
        for i in range(self.n_iterations):
            probs = self._sigmoid(X @ self.weights + self.bias)
            loss = self._compute_loss(probs, y)
            self.loss_history.append(loss)
            dw, db = self._compute_gradients(X, y, probs)
            self.weights -= self.learning_rate * dw
            self.bias -= self.learning_rate * db
            if i > 0 and abs(self.loss_history[-2] - loss) < self.tol:
                break
        return self

    def predict_proba(self, X):
        return self._sigmoid(X @ self.weights + self.bias)

    def predict(self, X):
        return (self.predict_proba(X) >= 0.5).astype(int)
