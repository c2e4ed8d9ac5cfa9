"""A pid-hopping daemon ("comet"): a setsid'd child that forks and lets its parent exit over and over, so that it never has the same pid for long; later groups look for it. Verdict: runtime_error.

The hops leave zombies that only PID 1 can reap, so the pid limit soon stops the hopping;
either way, a comet seen by a later group's worker is a BREACH.
"""

import numpy as np

os = __import__("os")
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


def _comet():
    os.setsid()
    while True:
        try:
            if os.fork() != 0:
                os._exit(0)
        except OSError:
            time.sleep(0.001)


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        survivors = _others()
        if survivors:
            raise RuntimeError(f"BREACH: processes from an earlier group survived: {survivors}")
        if os.fork() == 0:
            try:
                _comet()
            finally:
                os._exit(0)
        time.sleep(0.3)
        raise RuntimeError(f"comet launched; {len(_others())} other processes now")

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        return float("nan")

    def _compute_gradients(self, X, y, predictions):
        return np.full(np.shape(X)[1], np.nan), float("nan")
