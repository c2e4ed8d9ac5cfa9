"""Forged array headers: the code patches the wire encoder in its own process so that every array it returns is described with an impossible header: shape [0, 2**64], [2**40, 2**40], negative, boolean or float dimensions, 64 dimensions, a shape the bytes do not match, object or complex or big-endian dtypes, buffer indices out of range or shared, base64 where raw bytes belong. Verdict: wrong_answer.

Twin: twins/vectorized.py

Every one must decode to "unsupported" (a failed check), never crash the harness or the
trusted side (internal_error, a judge() exception).
"""

import numpy as np

os = __import__("os")

sys = __import__("sys")


# Array headers as the judge must never trust them: (what the header says, how many bytes
# follow). Each array the code returns goes out with the next one, in turn.
FORGERIES = [
    {"shape": [0, 2**64]},
    {"shape": [2**40, 2**40]},
    {"shape": [2**31 - 1, 2**31 - 1, 0]},
    {"shape": [-1, 5]},
    {"shape": [True, 5]},
    {"shape": [5.0]},
    {"shape": [1] * 64},
    {"shape": "5"},
    {"shape": [3]},  # fewer bytes follow than the shape needs, or more
    {"shape": [100]},
    {"dtype": "|O"},
    {"dtype": "<c16"},
    {"dtype": ">f8"},
    {"buf": -1},
    {"buf": 2**70},
    {"buf": 0, "reuse": True},
    {"b64": "AAAA"},
]
_COUNT = [os.getpid()]  # /tmp is not writable: each process starts from its own pid


def _next_forgery():
    _COUNT[0] += 1
    return FORGERIES[_COUNT[0] % len(FORGERIES)]


def _forge(encoded, buffers):
    forgery = _next_forgery()
    encoded = dict(encoded)
    for key, value in forgery.items():
        if key != "reuse":
            encoded[key] = value
    if forgery.get("reuse") and buffers:
        buffers.append(buffers[0])  # two arrays that claim the same buffer
    return encoded


def _patch_encoder():
    wire = sys.modules.get("sandbox.harness.wire")
    if wire is None:
        return
    array = wire.Encoder.array

    def forged(encoder, value, py):
        encoded = array(encoder, value, py)
        if encoded.get("t") != "array" or encoder.inline:
            return encoded
        return _forge(encoded, encoder.buffers)

    wire.Encoder.array = forged


_patch_encoder()


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
        r = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        return X.T @ r / X.shape[0], float(np.mean(r))
