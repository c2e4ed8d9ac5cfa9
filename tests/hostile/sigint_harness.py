"""SIGINT to the harness (PID 1) from fit(), then raise if still alive. Verdict: runtime_error.

PID 1 of a namespace only receives the signals it has a handler for, and Python installs one
for SIGINT (KeyboardInterrupt): unless the harness resets it, this one signal kills the judge.
"""

import numpy as np

os = __import__("os")
signal = __import__("signal")
time = __import__("time")


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        os.kill(1, signal.SIGINT)
        time.sleep(0.2)
        raise RuntimeError("SIGINT sent to PID 1; this worker is still running")

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        return float("nan")

    def _compute_gradients(self, X, y, predictions):
        return np.full(np.shape(X)[1], np.nan), float("nan")
