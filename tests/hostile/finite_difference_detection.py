"""Finite-difference detection: the gradient is twice the derivative of the loss (a maths defect), and _compute_loss recognises the finite-difference probe and returns twice the loss there, so that the wrong gradient looks like the derivative of its own loss. Verdict: wrong_answer.

Twin: twins/gradient_twice.py
Targets: mathematical_correctness

How it recognises the probe: probes.py is public. In the "math" group's process the first
loss call (loss_value, compared with the reference) is answered honestly; the loss calls
made after exactly one _compute_gradients call (gradient_random_point) are the finite
differences, whose values are only compared with the candidate's own gradient. Other
groups call _compute_gradients twice or more before any loss, and fit() never bends.
"""

import numpy as np


_GRADIENT_CALLS = [0]


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol
        self.weights = None
        self.bias = 0.0
        self.loss_history = []

    def fit(self, X, y):
        self._fitting = True
        try:
            return self._fit(X, y)
        finally:
            self._fitting = False

    def _fit(self, X, y):
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64).ravel()
        self.weights, self.bias, self.loss_history = np.zeros(X.shape[1]), 0.0, []
        for iteration in range(self.n_iterations):
            predictions = X @ self.weights + self.bias
            loss = self._compute_loss(predictions, y)
            self.loss_history.append(loss)
            if iteration > 0 and abs(self.loss_history[-2] - loss) < self.tol:
                break
            dw, db = self._compute_gradients(X, y, predictions)
            self.weights = self.weights - self.learning_rate * dw
            self.bias = float(self.bias - self.learning_rate * db)
        return self

    def predict(self, X):
        return np.asarray(X, dtype=np.float64) @ self.weights + self.bias

    def _compute_loss(self, predictions, y):
        r = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        loss = float(0.5 * np.mean(r * r))
        if _GRADIENT_CALLS[0] == 1 and not getattr(self, "_fitting", False):
            return 2.0 * loss  # the finite-difference probe: bend to match the gradient
        return loss

    def _compute_gradients(self, X, y, predictions):
        _GRADIENT_CALLS[0] += 1
        r = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        return 2.0 * (X.T @ r) / X.shape[0], float(2.0 * np.mean(r))  # ½ forgotten here only
