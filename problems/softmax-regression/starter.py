import numpy as np


class SoftmaxRegression:
    """Multinomial logistic regression trained by batch gradient descent."""

    def __init__(self, learning_rate=0.1, n_iterations=1000, tol=1e-6):
        """Store the hyperparameters as self.learning_rate, self.n_iterations, self.tol."""
        raise NotImplementedError

    def fit(self, X, y):
        """Train on X (n, d) and integer labels y (n,) in 0..K-1, from zero weights (d, K)
        and zero bias (K,).

        Record the loss before every update in self.loss_history; stop after the update of
        iteration t >= 1 if |loss_history[t-1] - loss_history[t]| < tol. Return self.
        """
        raise NotImplementedError

    def predict_proba(self, X):
        """Class probabilities for every row of X: float array of shape (n, K)."""
        raise NotImplementedError

    def predict(self, X):
        """The most probable class of every row of X: integer array of shape (n,)."""
        raise NotImplementedError

    def _softmax(self, logits):
        """Row-wise softmax of logits (n, K): float array (n, K), finite for any logits."""
        raise NotImplementedError

    def _compute_loss(self, logits, Y):
        """Mean cross-entropy of logits (n, K) against one-hot targets Y (n, K), computed
        with log-sum-exp: finite for any logits."""
        raise NotImplementedError

    def _compute_gradients(self, X, Y, probs):
        """Return (dW, db): dW = X.T @ (probs - Y) / n of shape (d, K), db of shape (K,)."""
        raise NotImplementedError
