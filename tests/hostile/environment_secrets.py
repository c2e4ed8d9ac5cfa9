"""Environment variables for secrets: os.environ, /proc/self/environ and every readable /proc/*/environ. Verdict: runtime_error.

A variable that looks like a credential, or any variable beyond the few the runner sets, is a
BREACH.
"""

import numpy as np

os = __import__("os")

EXPECTED = {
    "PATH",
    "HOME",
    "HOSTNAME",
    "OPENBLAS_NUM_THREADS",
    "OMP_NUM_THREADS",
    "LC_CTYPE",
    "LANG",
}
WORDS = (
    "SECRET",
    "TOKEN",
    "PASS",
    "KEY",
    "AWS",
    "DOCKER",
    "DATABASE",
    "CREDENTIAL",
    "AUTH",
    "NUMJUDGE",
)


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        names = set(os.environ)
        for pid in os.listdir("/proc"):
            try:
                with open(f"/proc/{pid}/environ", "rb") as handle:
                    names |= {
                        item.split(b"=", 1)[0].decode()
                        for item in handle.read().split(b"\0")
                        if item
                    }
            except OSError:
                pass
        findings = [f"BREACH: variable {n}" for n in sorted(names) if n not in EXPECTED]
        findings += [
            f"BREACH: secret-like {n}" for n in sorted(names) if any(w in n.upper() for w in WORDS)
        ]
        raise RuntimeError("; ".join(findings) or f"no breach: only {sorted(names)}")

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
