"""OOM the harness: try to lower the candidate's oom_score_adj back to 0, then fill the memory cgroup with many small processes, each smaller than the harness, so that the OOM killer's largest victim is PID 1. Verdict: runtime_error.

The helpers are fresh `python3 -S` processes (not forks, which would carry NumPy and look
bigger than the harness). If the OOM killer picked the harness, the run would end without
its reports. It cannot: the candidate's processes inherit oom_score_adj 1000 from the zygote
and cannot lower it (their /proc files are root's), so the OOM killer takes the helpers; the
harness goes on, and the attack ends with its own error.
"""

import numpy as np

os = __import__("os")
subprocess = __import__("subprocess")
time = __import__("time")

HELPER = "b = b'x' * (14 << 20); import time; time.sleep(60)"  # written: resident


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        try:  # refused now: the candidate's processes are not dumpable, their /proc is root's
            with open("/proc/self/oom_score_adj", "w") as adj:
                adj.write("0")
        except OSError:
            pass
        helpers = []
        for _ in range(45):
            try:
                helpers.append(subprocess.Popen(["python3", "-S", "-c", HELPER]))
            except OSError:
                break
        time.sleep(4)  # within fit()'s 5-s budget: the verdict must come from the OOM kill
        raise RuntimeError(f"{len(helpers)} helpers started; the harness survived")

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        return float("nan")

    def _compute_gradients(self, X, y, predictions):
        return np.full(np.shape(X)[1], np.nan), float("nan")
