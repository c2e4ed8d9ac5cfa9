"""subprocess: run a shell that reads /proc/1/environ and lists /proc/1/fd, and leave a detached 'sleep 600' behind, from fit(). Verdict: runtime_error.

What the shell could read of the harness is a BREACH; the left-behind process must not
survive the run (the test checks the host).
"""

import numpy as np

subprocess = __import__("subprocess")


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        subprocess.Popen(
            ["sleep", "600"],
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shell = subprocess.run(
            [
                "sh",
                "-c",
                "cat /proc/1/environ && echo ENVIRON-READ; ls /proc/1/fd && echo FD-LISTED; id",
            ],
            capture_output=True,
            timeout=3,
        )
        out = shell.stdout.decode(errors="replace")
        findings = [f"BREACH: {m}" for m in ("ENVIRON-READ", "FD-LISTED") if m in out]
        raise RuntimeError("; ".join(findings) or f"no breach: {out.strip()[-120:]!r}")

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        return float("nan")

    def _compute_gradients(self, X, y, predictions):
        return np.full(np.shape(X)[1], np.nan), float("nan")
