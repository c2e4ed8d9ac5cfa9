# ACCEPTED: no loop at all: one-hot membership, means and two-pass variances by matrix
# products, the posteriors by np.logaddexp.reduce, classes and counts from np.unique.
import numpy as np


class GaussianNaiveBayes:
    def __init__(self, var_smoothing=1e-9):
        self.var_smoothing = var_smoothing

    def fit(self, X, y):
        self.classes_, index, counts = np.unique(y, return_inverse=True, return_counts=True)
        membership = np.eye(len(self.classes_))[index]  # (n, K)
        self.theta_ = membership.T @ X / counts[:, None]
        deviations = X - self.theta_[index]
        self.var_ = membership.T @ deviations**2 / counts[:, None]
        self.var_ += self.var_smoothing * X.var(axis=0).max()
        self.class_prior_ = counts / len(y)
        return self

    def _joint_log_likelihood(self, X):
        diff = X[:, np.newaxis, :] - self.theta_
        log_density = -0.5 * (np.log(2 * np.pi * self.var_) + diff**2 / self.var_)
        return log_density.sum(axis=-1) + np.log(self.class_prior_)

    def predict_log_proba(self, X):
        jll = self._joint_log_likelihood(X)
        return jll - np.logaddexp.reduce(jll, axis=1, keepdims=True)

    def predict_proba(self, X):
        return np.exp(self.predict_log_proba(X))

    def predict(self, X):
        return self.classes_[self._joint_log_likelihood(X).argmax(axis=1)]
