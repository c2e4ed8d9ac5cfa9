"""Dynamic imports that the static import check cannot see: __import__ of os, subprocess, socket, ctypes, shutil, resource, and the system calls they give. Verdict: runtime_error.

The static check is not the security boundary; the sandbox is. What the modules reveal is
reported in the error (only findings marked BREACH are failures).
"""

import numpy as np


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        os = __import__("os")
        shutil = __import__("shutil")
        resource = __import__("resource")
        ctypes = __import__("ctypes")
        __import__("subprocess")
        __import__("socket")
        facts = [
            f"uid={os.getuid()}",
            f"cwd={os.getcwd()}",
            f"uname={os.uname().release}",
            f"/tmp free={shutil.disk_usage('/tmp').free >> 20} MiB",
            f"RLIMIT_AS={resource.getrlimit(resource.RLIMIT_AS)}",
            f"libc={ctypes.CDLL(None)}",
        ]
        findings = ["BREACH: running as root"] if os.getuid() == 0 else []
        raise RuntimeError("; ".join(findings + facts))

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
