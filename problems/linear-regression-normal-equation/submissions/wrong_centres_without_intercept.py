import numpy as np


class NormalEquationRegression:
    """Always centres (and fits a bias), even with fit_intercept=False."""

    def __init__(self, fit_intercept=True):
        self.fit_intercept = fit_intercept

    def fit(self, X, y):
        x_mean, y_mean = X.mean(axis=0), y.mean()
        self.weights = np.linalg.lstsq(X - x_mean, y - y_mean, rcond=None)[0]
        self.bias = float(y_mean - x_mean @ self.weights)
        return self

    def predict(self, X):
        return X @ self.weights + self.bias
