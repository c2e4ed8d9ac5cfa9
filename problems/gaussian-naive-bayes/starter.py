import numpy as np


class GaussianNaiveBayes:
    """Gaussian naive Bayes classifier, computed in log space."""

    def __init__(self, var_smoothing=1e-9):
        """Store var_smoothing as self.var_smoothing."""
        raise NotImplementedError

    def fit(self, X, y):
        """Estimate classes_ (K,), class_prior_ (K,), theta_ (K, d) and var_ (K, d) from X
        (n, d) and integer labels y (n,); var_ includes var_smoothing * the largest variance
        of a feature of X. Return self."""
        raise NotImplementedError

    def _joint_log_likelihood(self, X):
        """log P(c) + sum_j log N(x_j; theta_cj, var_cj) for every row and class: (n, K)."""
        raise NotImplementedError

    def predict_proba(self, X):
        """Posterior class probabilities P(c | x): float array (n, K), rows summing to 1."""
        raise NotImplementedError

    def predict(self, X):
        """The most probable class label (an entry of classes_) of every row: ints (n,)."""
        raise NotImplementedError
