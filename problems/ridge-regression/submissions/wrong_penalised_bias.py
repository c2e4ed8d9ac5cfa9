import numpy as np


class RidgeRegression:
    """The bias penalised like a weight: a column of ones with alpha on its diagonal in the
    closed form, and alpha * b added to db in gradient descent."""

    def __init__(
        self, alpha=1.0, solver="closed_form", learning_rate=0.01, n_iterations=1000, tol=1e-6
    ):
        self.alpha = alpha
        self.solver = solver
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol

    def fit(self, X, y):
        n, d = X.shape
        if self.solver == "closed_form":
            design = np.hstack([X, np.ones((n, 1))])
            theta = np.linalg.solve(
                design.T @ design + n * self.alpha * np.eye(d + 1), design.T @ y
            )
            self.weights, self.bias = theta[:d], float(theta[d])
            return self
        self.weights, self.bias, self.loss_history = np.zeros(d), 0.0, []
        for i in range(self.n_iterations):
            predictions = X @ self.weights + self.bias
            self.loss_history.append(self._compute_loss(predictions, y, self.weights))
            if i > 0 and abs(self.loss_history[-2] - self.loss_history[-1]) < self.tol:
                break
            dw, db = self._compute_gradients(X, y, predictions, self.weights)
            self.weights = self.weights - self.learning_rate * dw
            self.bias = self.bias - self.learning_rate * (db + self.alpha * self.bias)
        return self

    def predict(self, X):
        return X @ self.weights + self.bias

    def _compute_loss(self, predictions, y, weights):
        r = predictions - y
        return float(0.5 * np.mean(r * r) + 0.5 * self.alpha * weights @ weights)

    def _compute_gradients(self, X, y, predictions, weights):
        r = predictions - y
        return X.T @ r / len(r) + self.alpha * weights, float(np.mean(r))
