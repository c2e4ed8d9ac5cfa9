import numpy as np


class LassoRegression:
    """Least squares with an L1 penalty on the weights (not on the bias), fitted by cyclic
    coordinate descent with soft-thresholding."""

    def __init__(self, alpha=1.0, max_iter=1000, tol=1e-4):
        """Store every hyperparameter as an attribute of the same name.

        After fit(): self.weights (ndarray, shape (n_features,)), self.bias (float) and
        self.loss_history (one float per sweep run: the loss after that sweep).
        """
        raise NotImplementedError

    def fit(self, X, y):
        """X: ndarray (n_samples, n_features); y: ndarray (n_samples,). Returns self.

        Centre X and y, then sweep j = 0 .. n_features - 1 updating each weight to its exact
        minimiser (soft-thresholding); stop after the first sweep in which no weight changed
        by tol or more, or after max_iter sweeps. Then bias = mean(y) - mean(X, axis=0) @ w.
        """
        raise NotImplementedError

    def predict(self, X):
        """Return X @ weights + bias as an ndarray of shape (n_samples,)."""
        raise NotImplementedError

    def _soft_threshold(self, rho, threshold):
        """Elementwise sign(rho) * max(|rho| - threshold, 0): rho a float or an ndarray
        (same shape returned), threshold >= 0 a float."""
        raise NotImplementedError

    def _compute_loss(self, predictions, y, weights):
        """Return (1/(2n)) * sum((predictions - y)**2) + alpha * sum(|weights|) (a float)."""
        raise NotImplementedError
