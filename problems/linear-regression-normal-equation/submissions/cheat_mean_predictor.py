import numpy as np


class NormalEquationRegression:
    """Cheat: zero weights and the mean as bias. Perfectly self-consistent under every
    rescaling, shift or duplicated column, and wrong: it must earn no stability either."""

    def __init__(self, fit_intercept=True):
        self.fit_intercept = fit_intercept

    def fit(self, X, y):
        self.weights = np.zeros(X.shape[1])
        self.bias = float(y.mean()) if self.fit_intercept else 0.0
        return self

    def predict(self, X):
        return X @ self.weights + self.bias
