# Records the loss AFTER each update (of the parameters it ends with), and stops on tol.
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
        return 0.5 * (1.0 + np.tanh(0.5 * z))

    def _compute_loss(self, probs, y):
        eps = 1e-15
        probs = np.clip(probs, eps, 1 - eps)
        return -np.mean(y * np.log(probs) + (1 - y) * np.log(1 - probs))

    def _compute_gradients(self, X, y, probs):
        n_samples = X.shape[0]
        dw = (1 / n_samples) * np.dot(X.T, probs - y)
        db = (1 / n_samples) * np.sum(probs - y)
        return dw, db

    def fit(self, X, y):
        n_samples, n_features = X.shape
        self.weights = np.zeros(n_features)
        self.bias = 0.0
        self.loss_history = []
        for _ in range(self.n_iterations):
            probs = self._sigmoid(np.dot(X, self.weights) + self.bias)
            dw, db = self._compute_gradients(X, y, probs)
            self.weights -= self.learning_rate * dw
            self.bias -= self.learning_rate * db
            loss = self._compute_loss(self.predict_proba(X), y)
            self.loss_history.append(loss)
            if len(self.loss_history) > 1 and abs(self.loss_history[-2] - loss) < self.tol:
                break
        return self

    def predict_proba(self, X):
        return self._sigmoid(np.dot(X, self.weights) + self.bias)

    def predict(self, X):
        return np.where(self.predict_proba(X) >= 0.5, 1, 0)
