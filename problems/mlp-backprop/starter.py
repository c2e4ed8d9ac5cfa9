import numpy as np


class MLPClassifier:
    """A two-layer network: ReLU hidden layer, softmax output, mean cross-entropy loss,
    trained by full-batch gradient descent."""

    def __init__(self, n_hidden=16, learning_rate=0.1, n_iterations=1000, tol=1e-6, random_state=0):
        """Store the hyperparameters as attributes of the same names.

        After fit(): self.W1 (d, n_hidden), self.b1 (n_hidden,), self.W2 (n_hidden, K),
        self.b2 (K,) and self.loss_history (the loss before each iteration's update).
        """
        raise NotImplementedError

    def fit(self, X, y):
        """X: float64 (n, d); y: int64 (n,) with labels 0..K-1, K = y.max() + 1.

        Initialise from np.random.default_rng(random_state) in the statement's order, then
        run full-batch gradient descent; stop early when |L_t - L_(t-1)| < tol. Return self.
        """
        raise NotImplementedError

    def predict_proba(self, X):
        """Softmax probabilities of the current parameters, shape (n, K)."""
        raise NotImplementedError

    def predict(self, X):
        """The most probable class of each row, int array of shape (n,)."""
        raise NotImplementedError

    def _compute_loss(self, X, y):
        """Mean cross-entropy of the current parameters (self.W1, ...) on (X, y), a float."""
        raise NotImplementedError

    def _compute_gradients(self, X, y):
        """(dW1, db1, dW2, db2): the gradient of _compute_loss at the current parameters,
        each with its parameter's shape."""
        raise NotImplementedError
