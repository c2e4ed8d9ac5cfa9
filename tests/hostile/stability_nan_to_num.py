"""Laundered overflow: naive float32 code whose every result goes through np.nan_to_num, so an overflow near 1e22 comes back as a huge finite number instead of infinity. Verdict: wrong_answer.

Twin: twins/float32.py
Targets: numerical_stability

huge_targets_stay_finite asks only that the values be finite; finite garbage must not
count as stable.
"""

import numpy as np


def _finite(method):
    """Replace NaN and infinities in whatever a method returns by large finite numbers."""

    def launder(*args, **kwargs):
        with np.errstate(all="ignore"):
            result = method(*args, **kwargs)
        if isinstance(result, tuple):
            return tuple(_launder(value) for value in result)
        return _launder(result)

    return launder


def _launder(value):
    if isinstance(value, float):
        return float(np.nan_to_num(value))
    if isinstance(value, np.ndarray):
        return np.nan_to_num(value)
    return value


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol
        self.weights = None
        self.bias = 0.0
        self.loss_history = []

    def fit(self, X, y):
        X = np.asarray(X, dtype=np.float32)
        y = np.asarray(y, dtype=np.float32).ravel()
        self.weights, self.bias, self.loss_history = np.zeros(X.shape[1], np.float32), 0.0, []
        for iteration in range(self.n_iterations):
            predictions = X @ self.weights + np.float32(self.bias)
            loss = self._compute_loss(predictions, y)
            self.loss_history.append(loss)
            if iteration > 0 and abs(self.loss_history[-2] - loss) < self.tol:
                break
            dw, db = self._compute_gradients(X, y, predictions)
            self.weights = (self.weights - self.learning_rate * dw).astype(np.float32)
            self.bias = float(self.bias - self.learning_rate * db)
        return self

    @_finite
    def predict(self, X):
        return np.asarray(X, dtype=np.float32) @ self.weights + np.float32(self.bias)

    @_finite
    def _compute_loss(self, predictions, y):
        r = np.asarray(predictions, dtype=np.float32) - np.asarray(y, dtype=np.float32)
        return float(np.float32(0.5) * np.mean(r * r))

    @_finite
    def _compute_gradients(self, X, y, predictions):
        X = np.asarray(X, dtype=np.float32)
        r = np.asarray(predictions, dtype=np.float32) - np.asarray(y, dtype=np.float32)
        return X.T @ r / np.float32(X.shape[0]), float(np.mean(r))
