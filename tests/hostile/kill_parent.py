"""Kill the parent: os.kill(os.getppid(), SIGKILL) (and SIGTERM, SIGSEGV, SIGHUP, SIGQUIT) from fit(), then raise if still alive. Verdict: runtime_error.

The parent is the harness, PID 1 of the container, which ignores signals sent from inside
(SIGINT, which Python handles, is the subject of sigint_harness.py).
"""

import numpy as np

os = __import__("os")
signal = __import__("signal")
time = __import__("time")


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        parent = os.getppid()
        for number in (
            signal.SIGKILL,
            signal.SIGTERM,
            signal.SIGSEGV,
            signal.SIGHUP,
            signal.SIGQUIT,
        ):
            try:
                os.kill(parent, number)
            except OSError:
                pass
        time.sleep(0.2)
        raise RuntimeError(f"parent {parent} signalled; this worker is still running")

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        return float("nan")

    def _compute_gradients(self, X, y, predictions):
        return np.full(np.shape(X)[1], np.nan), float("nan")
