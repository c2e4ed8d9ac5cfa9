"""SIGSTOP (and SIGTSTP) to the parent and to PID 1 from fit(), hoping to freeze the harness and its clock. Verdict: runtime_error."""

import numpy as np

os = __import__("os")
signal = __import__("signal")
time = __import__("time")


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        for target in (os.getppid(), 1):
            for number in (signal.SIGSTOP, signal.SIGTSTP):
                try:
                    os.kill(target, number)
                except OSError:
                    pass
        time.sleep(0.3)
        raise RuntimeError("stop signals sent to the harness; this worker is still running")

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        return float("nan")

    def _compute_gradients(self, X, y, predictions):
        return np.full(np.shape(X)[1], np.nan), float("nan")
