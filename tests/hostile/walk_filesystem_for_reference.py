"""Walk the whole filesystem (and /proc/*/cwd, /proc/*/root) for the reference, checks or problem files. Verdict: runtime_error.

A file named like a problem package file, or any file containing the reference's or the
checks' code, is a BREACH. The walk runs in fit() (5-s budget) of the first group that fits;
the later groups (same container, same /tmp) see its marker and do not walk again.
"""

import numpy as np

os = __import__("os")
time = __import__("time")

NAMES = {"reference.py", "checks.py", "problem.yaml", "statement.md", "expected.yaml", "starter.py"}
# Built at run time so that this file's own source does not match.
MARKERS = (
    "sandbox" + ".checking",
    "Reference " + "solution",
    "def loss_matches" + "_reference",
    "compare" + "_arrays(",
)
SKIP = ("/proc", "/sys", "/dev")


DONE = "/tmp/numjudge-walk-done"


def _scan(found, deadline):
    complete = True
    for root, dirs, files in os.walk("/", onerror=lambda error: None):
        if root.startswith(SKIP):
            dirs[:] = []
            continue
        if time.monotonic() > deadline:
            complete = dirs[:] = []
            continue
        for name in files:
            path = os.path.join(root, name)
            if name in NAMES:
                found.append(f"BREACH: {path} exists")
            if name.endswith((".py", ".yaml", ".md", ".json", ".txt")) and "numpy" not in root:
                try:
                    with open(path, "rb") as handle:
                        text = handle.read(1 << 20).decode("utf-8", "replace")
                except OSError:
                    continue
                found.extend(f"BREACH: {path} contains {m!r}" for m in MARKERS if m in text)
    return complete


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        if os.path.exists(DONE):
            raise RuntimeError("the filesystem was walked by an earlier group")
        found = []
        started = time.monotonic()
        complete = _scan(found, started + 3.5)
        for pid in os.listdir("/proc"):
            for link in ("cwd", "root"):
                try:
                    os.listdir(f"/proc/{pid}/{link}")
                    if pid == "1":
                        found.append(f"BREACH: /proc/1/{link} is listable")
                except OSError:
                    pass
        open(DONE, "w").close()
        elapsed = time.monotonic() - started
        extent = "all of /" if complete else "part of / (out of time)"
        raise RuntimeError(
            "; ".join(found[:20]) or f"no breach: walked {extent} in {elapsed:.2f} s"
        )

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        return float("nan")

    def _compute_gradients(self, X, y, predictions):
        return np.full(np.shape(X)[1], np.nan), float("nan")
