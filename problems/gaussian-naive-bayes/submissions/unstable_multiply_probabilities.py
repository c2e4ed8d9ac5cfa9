# UNSTABLE (numerical stability): the likelihood as a product of densities, normalised by
# its sum: far from every class the product underflows to 0, and 0 / 0 is NaN.
import numpy as np


class GaussianNaiveBayes:
    """Gaussian naive Bayes classifier, computed in log space."""

    def __init__(self, var_smoothing=1e-9):
        self.var_smoothing = var_smoothing
        self.classes_ = None
        self.class_prior_ = None
        self.theta_ = None
        self.var_ = None

    def fit(self, X, y):
        X = np.asarray(X, dtype=float)
        y = np.asarray(y)
        self.classes_ = np.unique(y)
        # A fraction of the largest feature variance is added to every variance: a feature
        # that is constant within a class would otherwise divide by zero.
        epsilon = self.var_smoothing * np.var(X, axis=0).max()
        self.theta_ = np.empty((self.classes_.size, X.shape[1]))
        self.var_ = np.empty((self.classes_.size, X.shape[1]))
        self.class_prior_ = np.empty(self.classes_.size)
        for k, label in enumerate(self.classes_):
            members = X[y == label]
            self.theta_[k] = members.mean(axis=0)
            self.var_[k] = members.var(axis=0) + epsilon  # two-pass: exact far from zero
            self.class_prior_[k] = members.shape[0] / X.shape[0]
        return self

    def _joint_log_likelihood(self, X):
        X = np.asarray(X, dtype=float)
        # log P(c) + sum_j log N(x_j; theta_cj, var_cj) for every sample and class: (n, K)
        return np.log(self._likelihood(X))

    def _likelihood(self, X):
        X = np.asarray(X, dtype=float)
        diff = X[:, None, :] - self.theta_[None, :, :]
        density = np.exp(-(diff**2) / (2 * self.var_)) / np.sqrt(2 * np.pi * self.var_)
        return self.class_prior_ * np.prod(density, axis=2)

    def predict_proba(self, X):
        likelihood = self._likelihood(X)
        return likelihood / likelihood.sum(axis=1, keepdims=True)

    def predict(self, X):
        return self.classes_[np.argmax(self._joint_log_likelihood(X), axis=1)]
