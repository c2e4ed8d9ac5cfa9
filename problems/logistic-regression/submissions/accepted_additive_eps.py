import numpy as np


class LogisticRegression:
    """Adds epsilon inside the logs (no clipping); predicts with a boolean mask."""

    def __init__(self, learning_rate=0.1, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol
        self.eps = 1e-7
        self.weights = None
        self.bias = None
        self.loss_history = []

    @staticmethod
    def _sigmoid(z):
        out = np.empty_like(z, dtype=float)
        pos = z >= 0
        out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
        ez = np.exp(z[~pos])
        out[~pos] = ez / (1.0 + ez)
        return out

    def _compute_loss(self, probs, y):
        ll = y * np.log(probs + self.eps) + (1 - y) * np.log(1 - probs + self.eps)
        return -np.average(ll)

    def _compute_gradients(self, X, y, probs):
        r = probs - y
        return (r @ X) / r.size, np.average(r)

    def fit(self, X, y):
        self.weights = np.zeros(X.shape[1])
        self.bias = 0.0
        self.loss_history = []
        for it in range(self.n_iterations):
            p = self._sigmoid(X.dot(self.weights) + self.bias)
            self.loss_history.append(float(self._compute_loss(p, y)))
            gw, gb = self._compute_gradients(X, y, p)
            self.weights -= self.learning_rate * gw
            self.bias -= self.learning_rate * gb
            if it and abs(self.loss_history[it - 1] - self.loss_history[it]) < self.tol:
                break
        return self

    def predict_proba(self, X):
        return self._sigmoid(X @ self.weights + self.bias)

    def predict(self, X):
        labels = np.zeros(len(X), dtype=np.int64)
        labels[self.predict_proba(X) >= 0.5] = 1
        return labels
