import numpy as np


class NormalEquationRegression:
    """Exact mathematics with column vectors: weights (d, 1), bias (1,), predict (n, 1)."""

    def __init__(self, fit_intercept=True):
        self.fit_intercept = fit_intercept

    def fit(self, X, y):
        y = y.reshape(-1, 1)
        x_mean = X.mean(axis=0, keepdims=True) if self.fit_intercept else np.zeros((1, X.shape[1]))
        y_mean = y.mean(axis=0) if self.fit_intercept else np.zeros(1)
        self.weights = np.linalg.pinv(X - x_mean) @ (y - y_mean)
        self.bias = y_mean - (x_mean @ self.weights).ravel()
        return self

    def predict(self, X):
        return X @ self.weights + self.bias
