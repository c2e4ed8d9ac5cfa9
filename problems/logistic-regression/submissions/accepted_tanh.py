import math

import numpy as np


class LogisticRegression:
    """sigma(z) = (1 + tanh(z / 2)) / 2 never overflows."""

    def __init__(self, learning_rate=0.1, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol

    def predict_proba(self, X):
        return 0.5 * (1.0 + np.tanh(0.5 * (X @ self.weights + self.bias)))

    def predict(self, X):
        return (self.predict_proba(X) >= 0.5).astype(np.int64)

    def _compute_loss(self, probs, y):
        p = np.minimum(np.maximum(probs, 1e-10), 1 - 1e-10)
        log_likelihood = np.where(y == 1, np.log(p), np.log(1 - p))
        return -float(log_likelihood.mean())

    def _compute_gradients(self, X, y, probs):
        n = X.shape[0]
        g = probs - y
        return X.T.dot(g) / n, float(g.sum()) / n

    def fit(self, X, y):
        n, d = X.shape
        self.weights, self.bias, self.loss_history = np.zeros(d), 0.0, []
        prev_loss = math.inf
        for _ in range(self.n_iterations):
            p = self.predict_proba(X)
            loss = self._compute_loss(p, y)
            self.loss_history.append(loss)
            dw, db = self._compute_gradients(X, y, p)
            self.weights = self.weights - self.learning_rate * dw
            self.bias = self.bias - self.learning_rate * db
            if abs(prev_loss - loss) < self.tol:
                break
            prev_loss = loss
        return self
