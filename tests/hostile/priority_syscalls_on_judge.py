"""prlimit, setpriority, sched_setscheduler, sched_setaffinity, ioprio_set and SIGSTOP on PID 1 and the yardstick (every process of root), and the same scheduling calls on the zygote, from the first _compute_gradients call of every group; the gradient loops over samples. Verdict: wrong_answer.

Twin: twins/slow_loop.py
Targets: vectorized_implementation

Any call that succeeds on a process of root is a BREACH (a slower yardstick would hide the
loop; a harness without descriptors or CPU time would fail the run). The zygote runs as the
candidate: slowing it slows only the candidate's own later processes.
"""

import numpy as np

os = __import__("os")
ctypes = __import__("ctypes")
resource = __import__("resource")
signal = __import__("signal")


def _gradients_loop(X, y, predictions):
    n, d = X.shape
    residuals = (np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64))
    dw = [0.0] * d
    db = 0.0
    for row, r in zip(X.tolist(), residuals.tolist()):  # one Python step per sample
        dw = [total + r * x for total, x in zip(dw, row)]
        db += r
    return np.array(dw) / n, db / n


def _status(pid):
    fields = {}
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                key, _, value = line.partition(":")
                fields[key] = value.split()
    except OSError:
        pass
    return fields


def _judge_processes():
    """PID 1 and the yardstick (root's processes), and the zygote (our parent)."""
    root = [
        int(entry)
        for entry in os.listdir("/proc")
        if entry.isdigit() and _status(entry).get("Uid", ["?"])[0] == "0"
    ]
    return root, os.getppid()


def _attempts(pid):
    libc = ctypes.CDLL(None, use_errno=True)
    idle = os.sched_param(0)
    return [
        ("prlimit NOFILE 4", lambda: resource.prlimit(pid, resource.RLIMIT_NOFILE, (4, 4))),
        ("prlimit CPU 1 s", lambda: resource.prlimit(pid, resource.RLIMIT_CPU, (1, 1))),
        ("prlimit AS 1 MiB", lambda: resource.prlimit(pid, resource.RLIMIT_AS, (1 << 20, 1 << 20))),
        ("prlimit NPROC 0", lambda: resource.prlimit(pid, resource.RLIMIT_NPROC, (0, 0))),
        ("setpriority 19", lambda: os.setpriority(os.PRIO_PROCESS, pid, 19)),
        ("SCHED_IDLE", lambda: os.sched_setscheduler(pid, os.SCHED_IDLE, idle)),
        ("SCHED_BATCH", lambda: os.sched_setscheduler(pid, os.SCHED_BATCH, idle)),
        ("affinity {0}", lambda: os.sched_setaffinity(pid, {0})),
        ("ioprio idle", lambda: _check(libc.syscall(251, 1, pid, 3 << 13))),  # ioprio_set
        ("SIGSTOP", lambda: os.kill(pid, signal.SIGSTOP)),
    ]


def _check(result):
    if result != 0:
        raise OSError(ctypes.get_errno(), "failed")


def _slow_down_the_judge():
    root, zygote = _judge_processes()
    notes = []
    for pid in root:
        for label, attempt in _attempts(pid):
            try:
                attempt()
            except OSError as error:
                notes.append(f"{label} on {pid}: errno {error.errno}")
            else:
                print(f"BREACH: {label} on the judge's process {pid} succeeded", flush=True)
    # The zygote runs as the candidate, so these succeed; they only slow the candidate's
    # own later processes.
    for label, attempt in _attempts(zygote)[4:8]:
        try:
            attempt()
        except OSError as error:
            notes.append(f"{label} on the zygote: errno {error.errno}")
    print("; ".join(notes)[:2000], flush=True)
    return notes


_TRIED = []


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
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
        if not _TRIED:
            _TRIED.append(_slow_down_the_judge())
        return _gradients_loop(X, y, predictions)
