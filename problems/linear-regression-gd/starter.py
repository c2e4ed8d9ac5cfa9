import numpy as np


class LinearRegression:
    """Linear regression trained by batch gradient descent on the halved mean squared error."""

    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        """Store the hyperparameters as attributes of the same names.

        After fit(): self.weights (ndarray, shape (n_features,)), self.bias (float) and
        self.loss_history (one float per iteration run: the loss before that iteration's update).
        """
        raise NotImplementedError

    def fit(self, X, y):
        """Train from zero weights and zero bias by batch gradient descent.

        X: ndarray (n_samples, n_features); y: ndarray (n_samples,). Returns self.
        Stops early when |loss_history[-2] - loss_history[-1]| < tol (see the statement).
        """
        raise NotImplementedError

    def predict(self, X):
        """Return X @ weights + bias as an ndarray of shape (n_samples,)."""
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        """Return L = (1 / (2n)) * sum((predictions - y) ** 2) as a float."""
        raise NotImplementedError

    def _compute_gradients(self, X, y, predictions):
        """Return (dw, db): dw = X.T @ (predictions - y) / n (shape (n_features,)),
        db = mean(predictions - y) (a float)."""
        raise NotImplementedError
