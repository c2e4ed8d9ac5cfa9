# ACCEPTED: one parameter vector theta = [b, w] on [1, X], with a penalty mask that leaves
# theta[0] (the bias) out; the loss recorded after each update.
import numpy as np


def _sigmoid(z):
    out = np.empty_like(z, dtype=float)
    positive = z >= 0
    out[positive] = 1.0 / (1.0 + np.exp(-z[positive]))
    ez = np.exp(z[~positive])
    out[~positive] = ez / (1.0 + ez)
    return out


class RegularizedLogisticRegression:
    def __init__(self, learning_rate=0.1, n_iterations=1000, tol=1e-6, lambda_=1.0):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol
        self.lambda_ = lambda_
        self.weights, self.bias, self.loss_history = None, None, []

    @staticmethod
    def _augment(X):
        return np.column_stack([np.ones(len(X)), X])

    def _loss_theta(self, A, y, theta):
        z = A @ theta
        mask = np.ones_like(theta)
        mask[0] = 0.0
        data = np.mean(np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z))))
        return data + self.lambda_ / (2 * len(y)) * np.sum(mask * theta**2)

    def _grad_theta(self, A, y, theta):
        mask = np.ones_like(theta)
        mask[0] = 0.0
        return A.T @ (_sigmoid(A @ theta) - y) / len(y) + self.lambda_ / len(y) * mask * theta

    def _compute_loss(self, X, y, weights, bias):
        return self._loss_theta(self._augment(X), y, np.concatenate([[bias], weights]))

    def _compute_gradients(self, X, y, weights, bias):
        g = self._grad_theta(self._augment(X), y, np.concatenate([[bias], weights]))
        return g[1:], g[0]

    def fit(self, X, y):
        A = self._augment(X)
        theta = np.zeros(A.shape[1])
        self.loss_history = []
        for _ in range(self.n_iterations):
            theta = theta - self.learning_rate * self._grad_theta(A, y, theta)
            self.loss_history.append(self._loss_theta(A, y, theta))
            if (
                len(self.loss_history) >= 2
                and abs(self.loss_history[-2] - self.loss_history[-1]) < self.tol
            ):
                break
        self.bias, self.weights = float(theta[0]), theta[1:]
        return self

    def predict_proba(self, X):
        return _sigmoid(X @ self.weights + self.bias)

    def predict(self, X):
        return (self.predict_proba(X) >= 0.5).astype(np.int64)
