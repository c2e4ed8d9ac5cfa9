import numpy as np


class NormalEquationRegression:
    """The textbook formula w = inv(Xb.T Xb) Xb.T y with a column of ones: an inverse, no
    centring, no rank handling. Exact on benign designs; a singular or badly conditioned
    X.T @ X (collinear columns, features near 1e6) breaks it."""

    def __init__(self, fit_intercept=True):
        self.fit_intercept = fit_intercept

    def fit(self, X, y):
        design = np.hstack([X, np.ones((X.shape[0], 1))]) if self.fit_intercept else X
        theta = np.linalg.inv(design.T @ design) @ design.T @ y
        self.weights = theta[: X.shape[1]]
        self.bias = float(theta[-1]) if self.fit_intercept else 0.0
        return self

    def predict(self, X):
        return X @ self.weights + self.bias
