import numpy as np


class NormalEquationRegression:
    """Correct fit, but fit_intercept defaults to False, it is stored as self.intercept too
    late to matter, and fit() returns None."""

    def __init__(self, fit_intercept=False):
        self.intercept = fit_intercept

    def fit(self, X, y):
        x_mean = X.mean(axis=0) if self.intercept else np.zeros(X.shape[1])
        y_mean = y.mean() if self.intercept else 0.0
        self.weights = np.linalg.pinv(X - x_mean) @ (y - y_mean)
        self.bias = float(y_mean - x_mean @ self.weights)

    def predict(self, X):
        return X @ self.weights + self.bias
