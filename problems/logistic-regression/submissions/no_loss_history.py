# WRONG (convergence): stops on tol but keeps no loss_history attribute.
import numpy as np


class LogisticRegression:
    """Binary logistic regression trained by batch gradient descent."""

    EPSILON = 1e-15

    def __init__(self, learning_rate=0.1, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol
        self.weights = None
        self.bias = None

    @staticmethod
    def _sigmoid(z):
        # exp of a non-positive number only: never overflows
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))

    def _compute_loss(self, probs, y):
        p = np.clip(probs, self.EPSILON, 1.0 - self.EPSILON)
        return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))

    def _compute_gradients(self, X, y, probs):
        error = probs - y
        dw = X.T @ error / X.shape[0]
        db = float(np.mean(error))
        return dw, db

    def fit(self, X, y):
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float)
        self.weights = np.zeros(X.shape[1])
        self.bias = 0.0
        previous = None
        for iteration in range(self.n_iterations):
            probs = self._sigmoid(X @ self.weights + self.bias)
            loss = self._compute_loss(probs, y)
            dw, db = self._compute_gradients(X, y, probs)
            self.weights = self.weights - self.learning_rate * dw
            self.bias = self.bias - self.learning_rate * db
            if previous is not None and abs(previous - loss) < self.tol:
                break
            previous = loss
        return self

    def predict_proba(self, X):
        X = np.asarray(X, dtype=float)
        return self._sigmoid(X @ self.weights + self.bias)

    def predict(self, X):
        return (self.predict_proba(X) >= 0.5).astype(int)
