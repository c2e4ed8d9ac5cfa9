# The history holds the initial loss, then the loss after every update (n_iterations + 1
# entries with tol=0); the stopping rule compares the last two entries.
import numpy as np


class LogisticRegression:
    def __init__(self, learning_rate=0.1, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol

    @staticmethod
    def _sigmoid(z):
        out = np.empty_like(z, dtype=np.float64)
        positive = z >= 0
        out[positive] = 1.0 / (1.0 + np.exp(-z[positive]))
        ez = np.exp(z[~positive])
        out[~positive] = ez / (1.0 + ez)
        return out

    def _compute_loss(self, probs, y):
        p = np.clip(probs, 1e-10, 1 - 1e-10)
        return float(np.mean(-y * np.log(p) - (1 - y) * np.log1p(-p)))

    def _compute_gradients(self, X, y, probs):
        residual = probs - y
        return X.T @ residual / X.shape[0], float(residual.mean())

    def fit(self, X, y):
        self.weights = np.zeros(X.shape[1])
        self.bias = 0.0
        self.loss_history = [self._compute_loss(self.predict_proba(X), y)]
        for _ in range(self.n_iterations):
            dw, db = self._compute_gradients(X, y, self.predict_proba(X))
            self.weights = self.weights - self.learning_rate * dw
            self.bias = self.bias - self.learning_rate * db
            self.loss_history.append(self._compute_loss(self.predict_proba(X), y))
            if abs(self.loss_history[-2] - self.loss_history[-1]) < self.tol:
                break
        return self

    def predict_proba(self, X):
        return self._sigmoid(X @ self.weights + self.bias)

    def predict(self, X):
        return (self.predict_proba(X) >= 0.5).astype(np.int64)
