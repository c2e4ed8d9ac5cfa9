import numpy as np


class RidgeRegression:
    """einsum, a while loop, and the closed form as an augmented least-squares problem:
    [Xc; sqrt(n * alpha) I] w ~ [yc; 0] (never forms X.T @ X)."""

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
            stacked = np.vstack([X - x_mean, np.sqrt(n * self.alpha) * np.eye(d)])
            targets = np.concatenate([y - y_mean, np.zeros(d)])
            self.weights = np.linalg.lstsq(stacked, targets, rcond=None)[0]
            self.bias = float(y_mean - np.einsum("j,j->", x_mean, self.weights))
            self.loss_history = []
            return self
        self.weights, self.bias, self.loss_history = np.zeros(d), 0.0, []
        iteration = 0
        while iteration < self.n_iterations:
            predictions = np.einsum("ij,j->i", X, self.weights) + self.bias
            self.loss_history.append(self._compute_loss(predictions, y, self.weights))
            if iteration and abs(self.loss_history[-1] - self.loss_history[-2]) < self.tol:
                break
            dw, db = self._compute_gradients(X, y, predictions, self.weights)
            self.weights = self.weights - self.learning_rate * dw
            self.bias = self.bias - self.learning_rate * db
            iteration += 1
        return self

    def predict(self, X):
        return np.einsum("ij,j->i", X, self.weights) + self.bias

    def _compute_loss(self, predictions, y, weights):
        r = predictions - y
        return float(
            np.einsum("i,i->", r, r) / (2 * len(r))
            + self.alpha / 2 * np.einsum("j,j->", weights, weights)
        )

    def _compute_gradients(self, X, y, predictions, weights):
        r = predictions - y
        return np.einsum("ij,i->j", X, r) / len(r) + self.alpha * weights, float(r.mean())
