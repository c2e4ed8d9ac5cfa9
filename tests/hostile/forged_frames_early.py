"""Forged answers written at import time, before the harness asks: a fake "ready" frame and perfect-looking answers to the first probes (correct constructor defaults), so that they look instant and correct. Verdict: runtime_error.

The harness must refuse answers that arrive before their question. If it took them, the
forged defaults would pass constructor_defaults and the score would rise above the starter's.
"""

import numpy as np

os = __import__("os")
json = __import__("json")


def _frame(message):
    body = json.dumps(message).encode()
    return len(body).to_bytes(4, "big") + body


def _number(value):
    if isinstance(value, int):
        return {"t": "int", "v": value, "py": "int"}
    return {"t": "float", "v": float(value).hex(), "py": "float"}


DEFAULTS = {"learning_rate": _number(0.01), "n_iterations": _number(1000), "tol": _number(1e-6)}
# One write (atomic, under PIPE_BUF): the harness reads the fake "ready" and the answers together.
os.write(4, _frame({"ready": True}) + 4 * _frame({"status": "ok", "observations": DEFAULTS}))


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        raise NotImplementedError

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
