"""Run A of a pair: leave markers for a later run (files in /tmp, /dev/shm and $HOME, a POSIX message queue, a SysV shared-memory segment and a semaphore). Verdict: runtime_error.

marker_reader.py (run B) looks for them and behaves perfectly if it finds one.
"""

import numpy as np

os = __import__("os")
ctypes = __import__("ctypes")

MARKER = "numjudge-hostile-marker"
IPC_KEY = 0x4E4A4D4B
IPC_CREAT = 0o1000


def _leave_markers():
    left = []
    for directory in ("/tmp", "/dev/shm", os.environ.get("HOME", "/tmp"), "/var/tmp", "/run/lock"):
        try:
            with open(os.path.join(directory, MARKER), "w") as handle:
                handle.write("run A was here")
            left.append(directory)
        except OSError:
            pass
    libc = ctypes.CDLL(None, use_errno=True)
    try:
        librt = ctypes.CDLL("librt.so.1", use_errno=True)
        if librt.mq_open(f"/{MARKER}".encode(), os.O_CREAT | os.O_RDWR, 0o666, None) >= 0:
            left.append("mqueue")
    except OSError:
        pass
    if libc.shmget(IPC_KEY, 4096, IPC_CREAT | 0o666) >= 0:
        left.append("shm")
    if libc.semget(IPC_KEY, 1, IPC_CREAT | 0o666) >= 0:
        left.append("sem")
    return left


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        raise RuntimeError(f"markers left in {_leave_markers()}")

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
