"""kill(-1, SIGKILL) from fit(): signal every process the worker may signal, then raise if still alive. Verdict: runtime_error."""

import numpy as np

os = __import__("os")
signal = __import__("signal")
time = __import__("time")


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        try:
            os.kill(-1, signal.SIGKILL)
            outcome = "sent"
        except ProcessLookupError:  # nothing else this worker could signal
            outcome = "found no process to signal"
        time.sleep(0.2)
        raise RuntimeError(f"kill(-1, SIGKILL) {outcome}; this worker is still running")

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        return float("nan")

    def _compute_gradients(self, X, y, predictions):
        return np.full(np.shape(X)[1], np.nan), float("nan")
