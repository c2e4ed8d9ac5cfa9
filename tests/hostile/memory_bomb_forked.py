"""Memory bomb over several processes: two forked children hold 100 MiB each while the worker grows, so that the container's memory cgroup, not the per-process address-space limit, stops it (OOM kill of the worker). Verdict: memory_limit.

The children close their copies of the harness pipes, so the worker's death is visible to the
harness at once (see os_exit_with_child.py for what happens when they do not).
"""

import numpy as np

os = __import__("os")
time = __import__("time")


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        for _ in range(2):
            if os.fork() == 0:
                os.closerange(0, 256)
                try:
                    held = np.ones(100 << 17)  # 100 MiB each, touched
                except MemoryError:
                    held = None
                while True:
                    time.sleep(1)
        hoard = []
        while True:  # the worker outgrows the children until the cgroup kills it
            hoard.append(np.ones(4 << 20))

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        return float("nan")

    def _compute_gradients(self, X, y, predictions):
        return np.full(np.shape(X)[1], np.nan), float("nan")
