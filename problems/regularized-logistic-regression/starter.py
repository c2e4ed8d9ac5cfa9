import numpy as np


class RegularizedLogisticRegression:
    """Binary logistic regression with an L2 penalty on the weights (not on the bias),
    trained by batch gradient descent."""

    def __init__(self, learning_rate=0.1, n_iterations=1000, tol=1e-6, lambda_=1.0):
        """Store the hyperparameters as self.learning_rate, self.n_iterations, self.tol,
        self.lambda_."""
        raise NotImplementedError

    def fit(self, X, y):
        """Train on X (n, d) and 0/1 labels y (n,) from zero weights and bias.

        Record the loss before every update in self.loss_history; stop after the update of
        iteration t >= 1 if |loss_history[t-1] - loss_history[t]| < tol. Return self.
        """
        raise NotImplementedError

    def predict_proba(self, X):
        """P(y = 1 | x) for every row of X: float array of shape (n,)."""
        raise NotImplementedError

    def predict(self, X):
        """Labels 0/1 (1 where predict_proba(X) >= 0.5): integer array of shape (n,)."""
        raise NotImplementedError

    def _compute_loss(self, X, y, weights, bias):
        """Mean binary cross-entropy of sigmoid(X @ weights + bias) against y, plus
        lambda_ / (2 n) * ||weights||^2 (the bias is not penalised). Finite for any logits."""
        raise NotImplementedError

    def _compute_gradients(self, X, y, weights, bias):
        """Return (dw, db) of the loss at (weights, bias): dw of shape (d,), db a float."""
        raise NotImplementedError
