import numpy as np


class RidgeRegression:
    """Correct, but _compute_gradients loops over the samples in Python."""

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
            x_mean, y_mean = X.mean(axis=0), y.mean()
            centred = X - x_mean
            self.weights = np.linalg.solve(
                centred.T @ centred + n * self.alpha * np.eye(d), centred.T @ (y - y_mean)
            )
            self.bias = float(y_mean - x_mean @ self.weights)
            return self
        self.weights, self.bias, self.loss_history = np.zeros(d), 0.0, []
        for i in range(self.n_iterations):
            predictions = X @ self.weights + self.bias
            self.loss_history.append(self._compute_loss(predictions, y, self.weights))
            if i > 0 and abs(self.loss_history[-2] - self.loss_history[-1]) < self.tol:
                break
            dw, db = self._compute_gradients(X, y, predictions, self.weights)
            self.weights = self.weights - self.learning_rate * dw
            self.bias = self.bias - self.learning_rate * db
        return self

    def predict(self, X):
        return X @ self.weights + self.bias

    def _compute_loss(self, predictions, y, weights):
        r = predictions - y
        return float(0.5 * np.mean(r * r) + 0.5 * self.alpha * weights @ weights)

    def _compute_gradients(self, X, y, predictions, weights):
        dw, db = np.zeros(X.shape[1]), 0.0
        for i in range(X.shape[0]):
            error = predictions[i] - y[i]
            dw += error * X[i]
            db += error
        return dw / X.shape[0] + self.alpha * weights, float(db / X.shape[0])
