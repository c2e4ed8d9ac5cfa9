"""Disk fill: fill /tmp and /dev/shm until ENOSPC and try to write everywhere else; raise with what was written. Verdict: runtime_error.

Writes that succeed outside /tmp and /dev/shm (per-container tmpfs; /dev/mqueue is per-container
too and is tried by marker_writer.py) are reported as BREACH.
"""

import numpy as np

os = __import__("os")

ELSEWHERE = (
    "/",
    "/etc",
    "/usr",
    "/usr/local/lib/python3.11/dist-packages",
    "/var",
    "/var/tmp",
    "/var/lib",
    "/root",
    "/home",
    "/opt",
    "/run",
    "/run/lock",
    "/srv",
    "/mnt",
    "/media",
    "/dev",
    "/sys/fs/cgroup",
    "/proc/self",
)


def _fill(directory):
    written = 0
    block = b"\0" * (1 << 20)
    try:
        for i in range(10_000):
            with open(os.path.join(directory, f"fill-{os.getpid()}-{i}"), "wb") as handle:
                for _ in range(4):
                    handle.write(block)
                    written += len(block)
    except OSError as error:
        return f"{directory}: {written >> 20} MiB then {type(error).__name__} {error.errno}"
    return f"{directory}: {written >> 20} MiB without an error"


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        report = [_fill("/tmp"), _fill("/dev/shm")]
        for directory in ELSEWHERE:
            path = os.path.join(directory, f"numjudge-fill-{os.getpid()}")
            try:
                with open(path, "wb") as handle:
                    handle.write(b"\0" * 4096)
                report.append(f"BREACH: wrote {path}")
            except OSError as error:
                report.append(f"{directory}: {type(error).__name__}")
        raise RuntimeError("; ".join(report))

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
