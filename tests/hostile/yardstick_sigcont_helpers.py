"""Yardstick slowing by reviving frozen processes: 12 helpers spin between the end of one _compute_gradients call and the next model, the window in which the timing probe times its plain-NumPy yardstick and the transfer; stopped (SIGSTOP) by the harness's freeze, they send each other SIGCONT. Verdict: wrong_answer.

Twin: twins/slow_loop.py
Targets: vectorized_implementation

The freeze stops every candidate process once (its later passes look only for new pids): a
helper still running while its siblings are being stopped continues them, and they continue
it in turn. They then share the container's one CPU with the yardstick, and sleep while
the candidate's own loop over samples is timed.
"""

import numpy as np

os = __import__("os")
signal = __import__("signal")
time = __import__("time")
mmap = __import__("mmap")

HELPERS = 12
SMALL_TIMING_N, TIMING_N = 64, 50_000  # the timing probe's sizes (public)
# Shared with the helpers: 1 from the end of a _compute_gradients call to the next model,
# the window in which the timing probe draws inputs and times its yardstick.
_ACTIVE = memoryview(mmap.mmap(-1, 8))
_REPORTED = memoryview(mmap.mmap(-1, 8))
_PIDS = memoryview(mmap.mmap(-1, 8 * HELPERS)).cast("q")
_HELPERS = []


def _gradients_loop(X, y, predictions):
    n, d = X.shape
    residuals = (np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64))
    dw = [0.0] * d
    db = 0.0
    for row, r in zip(X.tolist(), residuals.tolist()):  # one Python step per sample
        dw = [total + r * x for total, x in zip(dw, row)]
        db += r
    return np.array(dw) / n, db / n


def _state(pid):
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0]
    except (OSError, IndexError):
        return b"?"


def _helper(server, sentinel):
    """The sentinel (the newest pid: the last one the freeze stops) spins and continues the
    others all through the window; the others poll, and burn the CPU once frozen."""
    while True:
        if not _ACTIVE[0]:
            if os.getppid() != server:
                os._exit(0)
            time.sleep(0.001)
            continue
        frozen = _state(server) == b"T"
        if sentinel or frozen:
            for index in range(HELPERS):
                os.kill(_PIDS[index], signal.SIGCONT)
        else:
            time.sleep(0.0002)
        if frozen and not _REPORTED[0]:
            _REPORTED[0] = 1
            print("BREACH: a helper ran (and burnt the CPU) while the harness had frozen "
                  "every candidate process to time its yardstick", flush=True)


def _start_helpers():
    server = os.getpid()
    for index in range(HELPERS):
        pid = os.fork()
        if pid == 0:
            while _PIDS[HELPERS - 1] == 0:  # wait until every helper exists
                time.sleep(0.001)
            try:
                _helper(server, index == HELPERS - 1)
            finally:
                os._exit(0)
        _HELPERS.append(pid)
        _PIDS[index] = pid


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        _ACTIVE[0] = 0  # the yardstick is done: the candidate's own call comes next
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
        try:
            return _gradients_loop(X, y, predictions)
        finally:
            if X.shape[0] == SMALL_TIMING_N or X.shape[0] >= TIMING_N:  # the timing probe
                if not _HELPERS:
                    _start_helpers()  # in the small untimed call, before the first yardstick
                _ACTIVE[0] = 1  # until the next model is built, the judge times its yardstick
