"""Stalling the harness's writes: in the loss_value probe's _compute_loss call the code swaps the call server's request pipe (fd 3) for an empty pipe, keeping the real one open but never reading it, so that the harness's next request fills the pipe and its writes stall while the server waits forever. Verdict: time_limit.

Twin: twins/vectorized.py

The harness writes without blocking and waits against the probe's budget: the probe must
end as a time limit at its own budget, not hang the harness or reach the container's
deadline.
"""

import numpy as np

os = __import__("os")

REQUEST_FD = 3


_KEPT = []


def _stop_reading_requests():
    """Put an empty pipe where the call server reads its requests, and keep the real one
    open unread: the harness's next request fills its pipe and its write stalls."""
    if _KEPT:
        return
    _KEPT.append(os.dup(REQUEST_FD))
    read_end, write_end = os.pipe()
    _KEPT.append(write_end)
    os.dup2(read_end, REQUEST_FD)


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
        if np.size(y) == 50:  # the loss_value probe only: each stall costs a probe's budget
            _stop_reading_requests()
        r = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        return float(0.5 * np.mean(r * r))

    def _compute_gradients(self, X, y, predictions):
        r = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        return X.T @ r / X.shape[0], float(np.mean(r))
