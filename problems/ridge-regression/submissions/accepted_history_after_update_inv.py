import numpy as np


class RidgeRegression:
    """The loss recorded after each update (starting loss first), the stop tested on it;
    the closed form through np.linalg.inv, which is fine here: X.T X + n alpha I is well
    conditioned."""

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
            mu, nu = X.mean(0), y.mean()
            Xc = X - mu
            self.weights = (
                np.linalg.inv(Xc.T @ Xc + n * self.alpha * np.identity(d)) @ Xc.T @ (y - nu)
            )
            self.bias = float(nu - mu @ self.weights)
            return self
        w, b = np.zeros(d), 0.0
        self.loss_history = [self._compute_loss(X @ w + b, y, w)]
        for _ in range(self.n_iterations):
            dw, db = self._compute_gradients(X, y, X @ w + b, w)
            w, b = w - self.learning_rate * dw, b - self.learning_rate * db
            self.loss_history.append(self._compute_loss(X @ w + b, y, w))
            if abs(self.loss_history[-2] - self.loss_history[-1]) < self.tol:
                break
        self.weights, self.bias = w, float(b)
        return self

    def predict(self, X):
        return X.dot(self.weights) + self.bias

    def _compute_loss(self, predictions, y, weights):
        return float(np.mean((predictions - y) ** 2) / 2 + self.alpha * np.sum(weights**2) / 2)

    def _compute_gradients(self, X, y, predictions, weights):
        error = predictions - y
        return X.T.dot(error) / X.shape[0] + self.alpha * weights, float(np.mean(error))
