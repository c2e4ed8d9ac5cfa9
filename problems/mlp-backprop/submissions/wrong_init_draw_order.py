"""Draws W2 before W1 from the generator (the statement draws W1 first): a
convention slip that changes the fitted network and nothing else."""

import numpy as np


class MLPClassifier:
    def __init__(self, n_hidden=16, learning_rate=0.1, n_iterations=1000, tol=1e-6, random_state=0):
        self.n_hidden = n_hidden
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol
        self.random_state = random_state
        self.loss_history = []

    def fit(self, X, y):
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y).ravel().astype(np.int64)
        d, k = X.shape[1], int(y.max()) + 1
        rng = np.random.default_rng(self.random_state)
        self.W2 = rng.normal(0.0, np.sqrt(2.0 / self.n_hidden), size=(self.n_hidden, k))
        self.W1 = rng.normal(0.0, np.sqrt(2.0 / d), size=(d, self.n_hidden))
        self.b1 = np.zeros(self.n_hidden)
        self.b2 = np.zeros(k)
        self.loss_history = []
        for iteration in range(self.n_iterations):
            loss = self._compute_loss(X, y)
            self.loss_history.append(loss)
            if iteration > 0 and abs(self.loss_history[-2] - loss) < self.tol:
                break
            dW1, db1, dW2, db2 = self._compute_gradients(X, y)
            self.W1 = self.W1 - self.learning_rate * dW1
            self.b1 = self.b1 - self.learning_rate * db1
            self.W2 = self.W2 - self.learning_rate * dW2
            self.b2 = self.b2 - self.learning_rate * db2
        return self

    def _forward(self, X):
        """Hidden pre-activations, hidden activations and log-probabilities."""
        Z1 = np.asarray(X, dtype=np.float64) @ self.W1 + self.b1
        H = np.maximum(Z1, 0.0)
        Z2 = H @ self.W2 + self.b2
        shifted = Z2 - Z2.max(axis=1, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        return Z1, H, log_probs

    def predict_proba(self, X):
        return np.exp(self._forward(X)[2])

    def predict(self, X):
        return self._forward(X)[2].argmax(axis=1)

    def _compute_loss(self, X, y):
        log_probs = self._forward(X)[2]
        y = np.asarray(y).ravel().astype(np.int64)
        return float(-log_probs[np.arange(y.size), y].mean())

    def _compute_gradients(self, X, y):
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y).ravel().astype(np.int64)
        n = X.shape[0]
        Z1, H, log_probs = self._forward(X)
        dZ2 = np.exp(log_probs)
        dZ2[np.arange(n), y] -= 1.0
        dZ2 /= n
        dW2 = H.T @ dZ2
        db2 = dZ2.sum(axis=0)
        dZ1 = (dZ2 @ self.W2.T) * (Z1 > 0)
        dW1 = X.T @ dZ1
        db1 = dZ1.sum(axis=0)
        return dW1, db1, dW2, db2
