"""Truncated history that survives the re-run: fit() ignores tol, runs every iteration and cuts loss_history where tol would have stopped; when the judge then re-runs exactly that many iterations with tol=0 (in the same process), fit() answers with the parameters of the long run. Verdict: wrong_answer.

Twin: twins/ignores_tol.py
Targets: convergence_awareness

The tol run and its re-runs are calls to one process, which remembers the last history it
cut (its length and the parameters it reached), so the re-runs "agree" with the tol run.
"""

import numpy as np


def _cut_where_tol_stops(history, tol):
    """The history a loop that honoured tol would have recorded."""
    for i in range(1, len(history)):
        if abs(history[i - 1] - history[i]) < tol:
            return history[: i + 1]
    return history


# What the last fit that cut its history left: (length of the cut history, parameters).
_LAST_CUT = {}


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
            dw, db = self._compute_gradients(X, y, predictions)
            self.weights = self.weights - self.learning_rate * dw
            self.bias = float(self.bias - self.learning_rate * db)
        full = len(self.loss_history)
        self.loss_history = _cut_where_tol_stops(self.loss_history, self.tol)
        length = len(self.loss_history)
        if length < full:
            _LAST_CUT.update(length=length, parameters=(self.weights, self.bias))
        elif self.tol == 0 and _LAST_CUT and self.n_iterations in (
            _LAST_CUT["length"],
            _LAST_CUT["length"] - 1,
        ):
            # The judge re-running as many iterations as the history shows: answer with the
            # parameters of the long run, as if the loop had stopped there.
            self.weights, self.bias = _LAST_CUT["parameters"]
        return self

    def predict(self, X):
        return np.asarray(X, dtype=np.float64) @ self.weights + self.bias

    def _compute_loss(self, predictions, y):
        r = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        return float(0.5 * np.mean(r * r))

    def _compute_gradients(self, X, y, predictions):
        r = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        return X.T @ r / X.shape[0], float(np.mean(r))
