"""Frame tampering: walk sys._getframe() up into the probe runner and the harness's spawn_worker, overwrite the probe context (seed, state), the Probe budgets, the Limits and the seed in every frame (writing back with PyFrame_LocalsToFast), then spin in _compute_loss. Verdict: time_limit.

The budget is enforced by the harness process, which the worker's frames are a copy of: the
probe must still be stopped at its own budget (2 s), not later.
"""

import numpy as np

sys = __import__("sys")
ctypes = __import__("ctypes")


def _tamper(value):
    kind = type(value).__name__
    if kind == "ProbeContext":
        value.seed = 0
        value.state.clear()
    elif kind == "Probe":
        object.__setattr__(value, "budget_seconds", 1e9)
    elif kind == "Limits":
        value.memory_bytes = value.output_bytes = 1 << 50
        value.import_seconds = 1e9
    elif isinstance(value, dict) and "seed" in value:
        value["seed"] = 0
    elif isinstance(value, (list, tuple)):
        for item in value:
            if type(item).__name__ == "Probe":
                _tamper(item)


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        frame = sys._getframe(1)
        while frame is not None:
            local = frame.f_locals
            for name, value in list(local.items()):
                _tamper(value)
                if name in ("seed", "budget_seconds", "deadline", "remaining"):
                    local[name] = 0 if name == "seed" else 1e9
            try:
                ctypes.pythonapi.PyFrame_LocalsToFast(ctypes.py_object(frame), ctypes.c_int(0))
            except (AttributeError, ValueError):
                pass
            frame = frame.f_back
        while True:
            pass

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
