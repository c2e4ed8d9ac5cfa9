# ACCEPTED: weights kept as (K, d) internally and transposed at the boundary, the loss from
# the picked true-class logits, one-hot by indexing, the history recorded after each update.
import numpy as np


class SoftmaxRegression:
    def __init__(self, learning_rate=0.1, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol
        self.loss_history = []

    def _softmax(self, logits):
        exps = np.exp(logits - logits.max(axis=1)[:, np.newaxis])
        return exps / exps.sum(axis=1)[:, np.newaxis]

    def _compute_loss(self, logits, Y):
        n = logits.shape[0]
        top = logits.max(axis=1)
        lse = top + np.log(np.exp(logits - top[:, None]).sum(axis=1))
        true_logit = logits[np.arange(n), Y.argmax(axis=1)]
        return np.mean(lse - true_logit)

    def _compute_gradients(self, X, Y, probs):
        n = X.shape[0]
        grad_t = (probs - Y).T @ X / n  # (K, d)
        return grad_t.T, (probs - Y).mean(axis=0)

    def fit(self, X, y):
        n, d = X.shape
        k = int(np.max(y)) + 1
        Y = np.zeros((n, k))
        Y[np.arange(n), y] = 1.0
        W_t = np.zeros((k, d))
        b = np.zeros(k)
        self.loss_history = []
        for _ in range(self.n_iterations):
            probs = self._softmax(X @ W_t.T + b)
            dW, db = self._compute_gradients(X, Y, probs)
            W_t = W_t - self.learning_rate * dW.T
            b = b - self.learning_rate * db
            self.loss_history.append(self._compute_loss(X @ W_t.T + b, Y))
            if len(self.loss_history) > 1 and (
                abs(self.loss_history[-1] - self.loss_history[-2]) < self.tol
            ):
                break
        self.weights, self.bias = W_t.T.copy(), b
        return self

    def predict_proba(self, X):
        return self._softmax(X @ self.weights + self.bias)

    def predict(self, X):
        return np.argmax(X @ self.weights + self.bias, axis=1)
