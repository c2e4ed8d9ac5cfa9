import numpy as np


class NormalEquationRegression:
    """np.linalg.solve on the normal equations of [X, 1] (solve, not invert), but no
    centring and no rank handling: collinear columns and features near 1e6 break it."""

    def __init__(self, fit_intercept=True):
        self.fit_intercept = fit_intercept

    def fit(self, X, y):
        design = np.hstack([X, np.ones((X.shape[0], 1))]) if self.fit_intercept else X
        theta = np.linalg.solve(design.T @ design, design.T @ y)
        self.weights = theta[: X.shape[1]]
        self.bias = float(theta[-1]) if self.fit_intercept else 0.0
        return self

    def predict(self, X):
        return X @ self.weights + self.bias
