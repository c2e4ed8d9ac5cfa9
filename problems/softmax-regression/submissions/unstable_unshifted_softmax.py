# UNSTABLE (numerical stability): softmax without subtracting the row maximum, and the loss
# as log of that softmax: exp(1000) overflows to inf and inf / inf is NaN.
import numpy as np


class SoftmaxRegression:
    """Multinomial logistic regression trained by batch gradient descent."""

    def __init__(self, learning_rate=0.1, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol
        self.weights = None
        self.bias = None
        self.loss_history = []

    def _softmax(self, logits):
        # Shifting each row by its maximum changes nothing mathematically and keeps every
        # exponent <= 0: no overflow, and the largest term is exactly 1 (no 0 / 0).
        e = np.exp(logits)
        return e / np.sum(e, axis=1, keepdims=True)

    def _compute_loss(self, logits, Y):
        # log-sum-exp: log sum_k exp(z_k) = m + log sum_k exp(z_k - m), m = max_k z_k
        probs = self._softmax(logits)
        return float(-np.mean(np.sum(Y * np.log(probs), axis=1)))

    def _compute_gradients(self, X, Y, probs):
        error = probs - Y
        dW = X.T @ error / X.shape[0]
        db = np.mean(error, axis=0)
        return dW, db

    def fit(self, X, y):
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=int)
        n_classes = int(y.max()) + 1
        Y = np.eye(n_classes)[y]
        self.weights = np.zeros((X.shape[1], n_classes))
        self.bias = np.zeros(n_classes)
        self.loss_history = []
        for iteration in range(self.n_iterations):
            logits = X @ self.weights + self.bias
            loss = self._compute_loss(logits, Y)
            self.loss_history.append(loss)
            dW, db = self._compute_gradients(X, Y, self._softmax(logits))
            self.weights = self.weights - self.learning_rate * dW
            self.bias = self.bias - self.learning_rate * db
            if iteration > 0 and abs(self.loss_history[-2] - loss) < self.tol:
                break
        return self

    def predict_proba(self, X):
        X = np.asarray(X, dtype=float)
        return self._softmax(X @ self.weights + self.bias)

    def predict(self, X):
        return np.argmax(self.predict_proba(X), axis=1)
