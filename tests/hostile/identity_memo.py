"""Identity memo: _compute_gradients loops over samples, behind a cache keyed on the inputs' id() and data addresses, so that inputs sent again (or new arrays at a recycled address) are answered at once. Verdict: wrong_answer.

Twin: twins/slow_loop.py
Targets: vectorized_implementation

Every timed call gets fresh inputs decoded into new arrays: the cache can only miss, or hit
a recycled address and answer with a stale (wrong) result.
"""

import numpy as np


def _gradients_loop(X, y, predictions):
    n, d = X.shape
    residuals = (np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64))
    dw = [0.0] * d
    db = 0.0
    for row, r in zip(X.tolist(), residuals.tolist()):  # one Python step per sample
        dw = [total + r * x for total, x in zip(dw, row)]
        db += r
    return np.array(dw) / n, db / n


_MEMO = {}


def _identity(*arrays):
    """Which objects these are (id), and where their data lives (the buffer's address)."""
    return tuple((id(a), np.asarray(a).__array_interface__["data"][0], np.shape(a)) for a in arrays)


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
        key = _identity(X, y, predictions)
        if key not in _MEMO:
            _MEMO[key] = _gradients_loop(X, y, predictions)
        return _MEMO[key]
