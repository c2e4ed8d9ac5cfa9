"""Timing precompute: _compute_gradients loops over samples, with the timed calls answered from a cache filled while the model is built, from the timing inputs found in the probe context through the frames. Verdict: wrong_answer.

Twin: twins/slow_loop.py
Targets: vectorized_implementation

With the old engine the probe ran in the candidate's process and the cache made every
timed call instant. Now the probes run in the harness: no frame above the call holds a
probe context or a future input, the cache stays empty and each timed call pays for the
loop.
"""

import numpy as np

sys = __import__("sys")


def _gradients_loop(X, y, predictions):
    n, d = X.shape
    residuals = (np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64))
    dw = [0.0] * d
    db = 0.0
    for row, r in zip(X.tolist(), residuals.tolist()):  # one Python step per sample
        dw = [total + r * x for total, x in zip(dw, row)]
        db += r
    return np.array(dw) / n, db / n


_CACHE = {}


def _key(X, y, predictions):
    return tuple(np.asarray(a).__array_interface__["data"][0] for a in (X, y, predictions))


def _precompute_from_frames():
    """Look up the stack for the probe's context and answer, ahead of time, every
    (X, y, predictions) it holds (what the old engine kept for its timing rounds)."""
    frame = sys._getframe(1)
    while frame is not None:
        for value in list(frame.f_locals.values()):
            state = getattr(value, "state", None)
            if isinstance(state, dict):
                for item in list(state.values()):
                    if isinstance(item, tuple) and len(item) == 3:
                        _CACHE[_key(*item)] = _gradients_loop(*item)
        frame = frame.f_back


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        _precompute_from_frames()
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
        cached = _CACHE.get(_key(X, y, predictions))
        if cached is not None:
            return cached
        return _gradients_loop(X, y, predictions)
