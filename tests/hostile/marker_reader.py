"""Run B of a pair (judged right after marker_writer.py): if any marker of run A is visible, behave perfectly (score 100), else behave like the starter. Verdict: runtime_error.

Run B must never see run A's markers, so it must score no more than the starter.
"""

import numpy as np

os = __import__("os")
ctypes = __import__("ctypes")

MARKER = "numjudge-hostile-marker"
IPC_KEY = 0x4E4A4D4B


def _markers_seen():
    seen = []
    for directory in ("/tmp", "/dev/shm", os.environ.get("HOME", "/tmp"), "/var/tmp", "/run/lock"):
        if os.path.exists(os.path.join(directory, MARKER)):
            seen.append(directory)
    libc = ctypes.CDLL(None, use_errno=True)
    try:
        librt = ctypes.CDLL("librt.so.1", use_errno=True)
        if librt.mq_open(f"/{MARKER}".encode(), os.O_RDONLY, 0, None) >= 0:
            seen.append("mqueue")
    except OSError:
        pass
    if libc.shmget(IPC_KEY, 0, 0) >= 0:
        seen.append("shm")
    if libc.semget(IPC_KEY, 0, 0) >= 0:
        seen.append("sem")
    return seen


SEEN = _markers_seen()


class PerfectLinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol
        self.weights = None
        self.bias = 0.0
        self.loss_history = []

    def fit(self, X, y):
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64).reshape(-1)
        self.weights, self.bias, self.loss_history = np.zeros(X.shape[1]), 0.0, []
        for step in range(self.n_iterations):
            predictions = X @ self.weights + self.bias
            self.loss_history.append(self._compute_loss(predictions, y))
            if step and abs(self.loss_history[-2] - self.loss_history[-1]) < self.tol:
                break
            dw, db = self._compute_gradients(X, y, predictions)
            self.weights = self.weights - self.learning_rate * dw
            self.bias = float(self.bias - self.learning_rate * db)
        return self

    def predict(self, X):
        return np.asarray(X, dtype=np.float64) @ self.weights + self.bias

    def _compute_loss(self, predictions, y):
        residuals = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        return float(np.mean(residuals * residuals) / 2.0)

    def _compute_gradients(self, X, y, predictions):
        residuals = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        return X.T @ residuals / X.shape[0], float(np.mean(residuals))


class StarterLinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        raise NotImplementedError(f"no marker of run A is visible (seen: {SEEN})")

    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        raise NotImplementedError

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError


_Chosen = PerfectLinearRegression if SEEN else StarterLinearRegression


class LinearRegression(_Chosen):
    __init__ = _Chosen.__init__
    fit = _Chosen.fit
    predict = _Chosen.predict
    _compute_loss = _Chosen._compute_loss
    _compute_gradients = _Chosen._compute_gradients
