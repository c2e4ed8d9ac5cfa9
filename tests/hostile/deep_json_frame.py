"""A well-framed response whose JSON is nested 100,000 levels deep, written to the response pipe (fd 4): the harness must reject it without crashing. Verdict: runtime_error."""

import numpy as np

os = __import__("os")
time = __import__("time")

DEPTH = 100_000


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        body = (
            '{"status":"ok","observations":{"loss":' + "[" * DEPTH + "]" * DEPTH + "}}"
        ).encode()
        os.write(4, len(body).to_bytes(4, "big") + body)
        time.sleep(30)

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
