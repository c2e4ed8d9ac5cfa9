"""Forged frames on the worker's response pipe (fd 4) claiming statuses only the harness may give ("missing", then "timeout"), with a message blaming the judge. Verdict: runtime_error.

The worker may only report "ok", "error" or "memory"; anything else it claims is a broken
protocol, i.e. the candidate's error, not a sandbox failure and not a time limit.
"""

import numpy as np

os = __import__("os")
json = __import__("json")


def _frame(message):
    body = json.dumps(message).encode()
    return len(body).to_bytes(4, "big") + body


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        message = "NumJudge internal failure: the sandbox lost this probe, please resubmit"
        os.write(4, _frame({"status": "missing", "error": message}))
        os.write(4, _frame({"status": "timeout", "error": message}))
        raise RuntimeError("forged frames written")

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
