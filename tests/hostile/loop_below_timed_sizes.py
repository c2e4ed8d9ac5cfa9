"""Vectorized only at the timed sizes: _compute_gradients loops over samples in Python below 20,000 samples (every size fit() and the other probes use) and is vectorized above (the sizes the timing probe declares). Verdict: wrong_answer.

Twin: twins/slow_loop.py
Targets: vectorized_implementation

The timing sizes are public (problem.yaml: n = 50,000 and 10n) and fixed, so code can switch
on them.
"""

import numpy as np

VECTORIZED_FROM = 20_000


def _gradients_loop(X, y, predictions):
    n, d = X.shape
    residuals = (np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64))
    dw = [0.0] * d
    db = 0.0
    for row, r in zip(X.tolist(), residuals.tolist()):  # one Python step per sample
        dw = [total + r * x for total, x in zip(dw, row)]
        db += r
    return np.array(dw) / n, db / n


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol
        self.weights = None
        self.bias = 0.0
        self.loss_history = []

    def fit(self, X, y):
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
        return float(0.5 * np.mean(r * r))

    def _compute_gradients(self, X, y, predictions):
        if X.shape[0] < VECTORIZED_FROM:
            return _gradients_loop(X, y, predictions)
        r = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        return X.T @ r / X.shape[0], float(np.mean(r))
