"""A wide JSON frame: _compute_loss writes to the response pipe (fd 4) a well-framed answer of 60 MB whose JSON header holds 20 million empty lists: under the frame-size cap, but well over a gigabyte once the harness parses it. Verdict: runtime_error.

Twin: twins/vectorized.py

The harness must reject a header it cannot afford to parse (bound the header, or parse
under a memory budget), and survive: "your code broke the judge's protocol".
"""

import numpy as np

os = __import__("os")

RESPONSE_FD = 4  # the call server's response pipe


def _send_wide_frame():
    """A well-formed frame whose JSON header holds 20 million empty lists."""
    lists = 20_000_000
    head = b'{"status":"ok","values":{"result":{"t":"none"}},"sizes":[],"pad":['
    tail = b"[]]}"
    header_length = len(head) + 3 * (lists - 1) + len(tail)
    os.write(RESPONSE_FD, (4 + header_length).to_bytes(4, "big") + header_length.to_bytes(4, "big"))
    os.write(RESPONSE_FD, head)
    chunk = b"[]," * 1_000_000
    for _ in range(lists // 1_000_000 - 1):
        _write_all(chunk)
    _write_all(b"[]," * (1_000_000 - 1) + tail)


def _write_all(data):
    view = memoryview(data)
    while view:
        view = view[os.write(RESPONSE_FD, view):]


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
        _send_wide_frame()
        r = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        return float(0.5 * np.mean(r * r))

    def _compute_gradients(self, X, y, predictions):
        r = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        return X.T @ r / X.shape[0], float(np.mean(r))
