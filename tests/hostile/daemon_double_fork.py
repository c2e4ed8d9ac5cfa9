"""setsid + double-fork daemon that ignores every catchable signal and should outlive the worker; later groups look for it. Verdict: runtime_error.

fit() runs in three groups (fit, stability_fit, convergence), each in a fresh worker; each
first looks for processes of its uid other than itself and its zygote: a survivor from an earlier group is a
BREACH.
"""

import numpy as np

os = __import__("os")
signal = __import__("signal")
time = __import__("time")


def _uid(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            return next(line.split()[1] for line in status if line.startswith("Uid:"))
    except (OSError, StopIteration):
        return None


def _others():
    """Processes of this uid but this one and its parent (the zygote that forked it)."""
    mine = str(os.getuid())
    return [
        p
        for p in os.listdir("/proc")
        if p.isdigit() and int(p) not in (os.getpid(), os.getppid()) and _uid(p) == mine
    ]


def _daemon():
    os.setsid()
    if os.fork() != 0:
        os._exit(0)
    for number in range(1, 32):
        try:
            signal.signal(number, signal.SIG_IGN)
        except (OSError, ValueError):
            pass
    os.chdir("/")
    while True:
        time.sleep(0.05)


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        survivors = _others()
        if survivors:
            raise RuntimeError(f"BREACH: processes from an earlier group survived: {survivors}")
        child = os.fork()
        if child == 0:
            try:
                _daemon()
            finally:
                os._exit(0)
        os.waitpid(child, 0)
        time.sleep(0.1)
        raise RuntimeError(f"daemon started; processes now: {_others()}")

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        return float("nan")

    def _compute_gradients(self, X, y, predictions):
        return np.full(np.shape(X)[1], np.nan), float("nan")
