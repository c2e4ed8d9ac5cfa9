# ACCEPTED: log(p + 1e-9) instead of clipping, sigmoid on clipped logits, the initial loss
# followed by the loss after each update (n_iterations + 1 entries), the rule tested on it.
import numpy as np


class RegularizedLogisticRegression:
    def __init__(self, learning_rate=0.1, n_iterations=1000, tol=1e-6, lambda_=1.0):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol
        self.lambda_ = lambda_

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-np.clip(z, -500, 500)))

    def _compute_loss(self, X, y, weights, bias):
        m = X.shape[0]
        h = self.sigmoid(X.dot(weights) + bias)
        eps = 1e-9
        cost = -(y.dot(np.log(h + eps)) + (1 - y).dot(np.log(1 - h + eps))) / m
        return cost + (self.lambda_ / (2 * m)) * weights.dot(weights)

    def _compute_gradients(self, X, y, weights, bias):
        m = X.shape[0]
        h = self.sigmoid(X.dot(weights) + bias)
        dw = (X.T.dot(h - y) + self.lambda_ * weights) / m
        db = np.sum(h - y) / m
        return dw, db

    def fit(self, X, y):
        self.weights = np.zeros(X.shape[1])
        self.bias = 0.0
        self.loss_history = [self._compute_loss(X, y, self.weights, self.bias)]
        for _ in range(self.n_iterations):
            dw, db = self._compute_gradients(X, y, self.weights, self.bias)
            self.weights -= self.learning_rate * dw
            self.bias -= self.learning_rate * db
            self.loss_history.append(self._compute_loss(X, y, self.weights, self.bias))
            if abs(self.loss_history[-2] - self.loss_history[-1]) < self.tol:
                break
        return self

    def predict_proba(self, X):
        return self.sigmoid(X.dot(self.weights) + self.bias)

    def predict(self, X):
        return (self.predict_proba(X) >= 0.5).astype(int)
