# ACCEPTED: sigmoid through tanh, probabilities clipped to [1e-12, 1 - 1e-12] before the
# logs, einsum, a while loop, the penalty as lambda / (2n) * sum(w**2).
import numpy as np


class RegularizedLogisticRegression:
    def __init__(self, learning_rate=0.1, n_iterations=1000, tol=1e-6, lambda_=1.0):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol
        self.lambda_ = lambda_

    def _probs(self, X, weights, bias):
        return 0.5 * (1.0 + np.tanh(0.5 * (np.einsum("ij,j->i", X, weights) + bias)))

    def _compute_loss(self, X, y, weights, bias):
        n = len(y)
        p = np.clip(self._probs(X, weights, bias), 1e-12, 1 - 1e-12)
        data = -np.sum(np.where(y == 1, np.log(p), np.log1p(-p))) / n
        return data + self.lambda_ * np.sum(weights**2) / (2 * n)

    def _compute_gradients(self, X, y, weights, bias):
        n = len(y)
        residual = self._probs(X, weights, bias) - y
        return np.einsum("ij,i->j", X, residual) / n + self.lambda_ * weights / n, residual.mean()

    def fit(self, X, y):
        self.weights, self.bias = np.zeros(X.shape[1]), 0.0
        self.loss_history = []
        t = 0
        while t < self.n_iterations:
            self.loss_history.append(self._compute_loss(X, y, self.weights, self.bias))
            dw, db = self._compute_gradients(X, y, self.weights, self.bias)
            self.weights = self.weights - self.learning_rate * dw
            self.bias = self.bias - self.learning_rate * db
            if t >= 1 and abs(self.loss_history[-1] - self.loss_history[-2]) <= self.tol:
                break
            t += 1
        return self

    def predict_proba(self, X):
        return self._probs(X, self.weights, self.bias)

    def predict(self, X):
        return np.where(self.predict_proba(X) >= 0.5, 1, 0)
