"""gc tampering: search gc.get_objects() for the probe context, the payload, Probe and Limits objects, the harness's Output/Worker records and module functions; overwrite the seed, budgets, limits and timing helpers, then spin in _compute_loss. Verdict: time_limit.

All of it lives in the worker's copy of memory; the harness must still stop the probe at its
own 2-s budget.
"""

gc = __import__("gc")

import numpy as np

sys = __import__("sys")


def _tamper_everything():
    touched = 0
    for value in gc.get_objects():
        kind = type(value).__name__
        try:
            if kind == "ProbeContext":
                value.seed = 12345
                value.state["model"] = None
            elif kind == "Probe":
                object.__setattr__(value, "budget_seconds", 1e9)
            elif kind == "Limits":
                value.memory_bytes = value.output_bytes = 1 << 50
                value.import_seconds = 1e9
            elif kind in ("Output", "Worker"):
                for field in vars(value):
                    if isinstance(getattr(value, field), int):
                        setattr(value, field, 0)
            elif isinstance(value, dict) and "seed" in value and "solution" in value:
                value["seed"] = 12345
                value["only"] = []
            else:
                continue
            touched += 1
        except Exception:
            pass
    harness = sys.modules.get("sandbox.harness.main")
    if harness is not None:
        harness.cpu_seconds = lambda pid: 0.0
        harness.oom_kills = lambda: 0
        harness.time = None
    return touched


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        _tamper_everything()
        while True:
            pass

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
