import numpy as np


class RidgeRegression:
    """Linear regression with an L2 penalty on the weights (never on the bias), fitted in
    closed form or by batch gradient descent."""

    def __init__(
        self, alpha=1.0, solver="closed_form", learning_rate=0.01, n_iterations=1000, tol=1e-6
    ):
        """Store every hyperparameter as an attribute of the same name.

        After fit(): self.weights (ndarray, shape (n_features,)), self.bias (float) and
        self.loss_history (gradient descent: one float per iteration run).
        """
        raise NotImplementedError

    def fit(self, X, y):
        """X: ndarray (n_samples, n_features); y: ndarray (n_samples,). Returns self.

        solver="closed_form": solve (X_c.T X_c + n * alpha * I) w = X_c.T y_c on centred data.
        solver="gradient_descent": from zero, as in the statement, stopping on tol.
        """
        raise NotImplementedError

    def predict(self, X):
        """Return X @ weights + bias as an ndarray of shape (n_samples,)."""
        raise NotImplementedError

    def _compute_loss(self, predictions, y, weights):
        """Return (1/(2n)) * sum((predictions - y)**2) + (alpha/2) * sum(weights**2) (a float)."""
        raise NotImplementedError

    def _compute_gradients(self, X, y, predictions, weights):
        """Return (dw, db): dw = X.T @ (predictions - y) / n + alpha * weights (shape
        (n_features,)), db = mean(predictions - y) (a float)."""
        raise NotImplementedError
