# WRONG (convergence): stops when the RELATIVE change of the loss is below tol,
# |L_(t-1) - L_t| / |L_(t-1)| < tol, instead of the absolute change.
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
        previous = None
        for _ in range(self.n_iterations):
            probs = self._sigmoid(X @ self.weights + self.bias)
            loss = self._compute_loss(probs, y)
            self.loss_history.append(loss)
            dw, db = self._compute_gradients(X, y, probs)
            self.weights = self.weights - self.learning_rate * dw
            self.bias = self.bias - self.learning_rate * db
            if previous is not None and abs(previous - loss) / abs(previous) < self.tol:
                break
            previous = loss
        return self

    def predict_proba(self, X):
        return self._sigmoid(X @ self.weights + self.bias)

    def predict(self, X):
        return (self.predict_proba(X) >= 0.5).astype(int)
