"""Reference solution: ridge regression (L2 penalty on the weights, not on the bias), fitted
in closed form or by batch gradient descent."""

import numpy as np


class RidgeRegression:
    def __init__(
        self, alpha=1.0, solver="closed_form", learning_rate=0.01, n_iterations=1000, tol=1e-6
    ):
        self.alpha = alpha
        self.solver = solver
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol
        self.weights = None
        self.bias = 0.0
        self.loss_history = []

    def fit(self, X, y):
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64).ravel()
        if self.solver == "closed_form":
            self._fit_closed_form(X, y)
        elif self.solver == "gradient_descent":
            self._fit_gradient_descent(X, y)
        else:
            raise ValueError(
                f"solver must be 'closed_form' or 'gradient_descent', not {self.solver!r}"
            )
        return self

    def _fit_closed_form(self, X, y):
        # Centring removes the bias from the problem, so it is never penalised.
        x_mean, y_mean = X.mean(axis=0), float(y.mean())
        centred = X - x_mean
        n_samples, n_features = X.shape
        system = centred.T @ centred + n_samples * self.alpha * np.eye(n_features)
        self.weights = np.linalg.solve(system, centred.T @ (y - y_mean))
        self.bias = float(y_mean - x_mean @ self.weights)
        self.loss_history = [self._compute_loss(self.predict(X), y, self.weights)]

    def _fit_gradient_descent(self, X, y):
        self.weights = np.zeros(X.shape[1])
        self.bias = 0.0
        self.loss_history = []
        for iteration in range(self.n_iterations):
            predictions = X @ self.weights + self.bias
            loss = self._compute_loss(predictions, y, self.weights)
            self.loss_history.append(loss)
            if iteration > 0 and abs(self.loss_history[-2] - loss) < self.tol:
                break
            dw, db = self._compute_gradients(X, y, predictions, self.weights)
            self.weights = self.weights - self.learning_rate * dw
            self.bias = float(self.bias - self.learning_rate * db)

    def predict(self, X):
        return np.asarray(X, dtype=np.float64) @ self.weights + self.bias

    def _compute_loss(self, predictions, y, weights):
        residuals = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        weights = np.asarray(weights, dtype=np.float64)
        return float(0.5 * np.mean(residuals * residuals) + 0.5 * self.alpha * (weights @ weights))

    def _compute_gradients(self, X, y, predictions, weights):
        residuals = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        dw = X.T @ residuals / X.shape[0] + self.alpha * np.asarray(weights, dtype=np.float64)
        db = float(np.mean(residuals))
        return dw, db
