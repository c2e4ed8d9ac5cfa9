import numpy as np


class LogisticRegression:
    """Binary logistic regression trained by batch gradient descent."""

    def __init__(self, learning_rate=0.1, n_iterations=1000, tol=1e-6):
        """Store the hyperparameters as self.learning_rate, self.n_iterations, self.tol."""
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

    def _compute_loss(self, probs, y):
        """Mean binary cross-entropy; finite even for probabilities of exactly 0 or 1."""
        raise NotImplementedError

    def _compute_gradients(self, X, y, probs):
        """Return (dw, db): dw = X.T @ (probs - y) / n of shape (d,), db = mean(probs - y)."""
        raise NotImplementedError
