"""kill(1, SIGKILL) and every other signal 1-64 (real-time ones included) to PID 1 from fit(), then raise if still alive. Verdict: runtime_error.

Stop signals are the subject of sigstop_parent.py, SIGINT (which Python handles) of
sigint_harness.py.
"""

import numpy as np

os = __import__("os")
signal = __import__("signal")
time = __import__("time")


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        for number in range(1, signal.SIGRTMAX + 1):
            if number in (
                signal.SIGINT,
                signal.SIGSTOP,
                signal.SIGTSTP,
                signal.SIGTTIN,
                signal.SIGTTOU,
            ):
                continue
            try:
                os.kill(1, number)
            except OSError:
                pass
        time.sleep(0.2)
        raise RuntimeError("signals 1-64 sent to PID 1; this worker is still running")

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        return float("nan")

    def _compute_gradients(self, X, y, predictions):
        return np.full(np.shape(X)[1], np.nan), float("nan")
