import numpy as np


class NormalEquationRegression:
    """Centres, then adds 1e-8 to the diagonal "to make X.T @ X invertible": a ridge penalty
    in disguise, invisible on unit-scale features, dominant when the features are ~1e-6."""

    def __init__(self, fit_intercept=True):
        self.fit_intercept = fit_intercept

    def fit(self, X, y):
        x_mean = X.mean(axis=0) if self.fit_intercept else np.zeros(X.shape[1])
        y_mean = y.mean() if self.fit_intercept else 0.0
        centred = X - x_mean
        gram = centred.T @ centred + 1e-8 * np.eye(X.shape[1])
        self.weights = np.linalg.solve(gram, centred.T @ (y - y_mean))
        self.bias = float(y_mean - x_mean @ self.weights)
        return self

    def predict(self, X):
        return X @ self.weights + self.bias
