"""The Docker socket: look for docker/containerd/podman sockets and any unix socket on the filesystem; connect if one exists. Verdict: runtime_error.

Any such socket visible in the sandbox is a BREACH.
"""

import numpy as np

os = __import__("os")
socket = __import__("socket")
stat = __import__("stat")

PATHS = (
    "/var/run/docker.sock",
    "/run/docker.sock",
    "/run/containerd/containerd.sock",
    "/var/run/containerd/containerd.sock",
    "/run/podman/podman.sock",
    "/run/user",
    "/var/run/docker",
    "/run/docker",
)


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        findings = [f"BREACH: {p} exists" for p in PATHS if os.path.exists(p)]
        for root in ("/run", "/var/run", "/tmp", "/dev", "/var/lib", "/srv", "/mnt"):
            for directory, _, files in os.walk(root, onerror=lambda error: None):
                for name in files:
                    path = os.path.join(directory, name)
                    try:
                        if not stat.S_ISSOCK(os.lstat(path).st_mode):
                            continue
                    except OSError:
                        continue
                    findings.append(f"BREACH: unix socket {path}")
                    try:
                        client = socket.socket(socket.AF_UNIX)
                        client.settimeout(0.5)
                        client.connect(path)
                        client.sendall(b"GET /version HTTP/1.0\r\n\r\n")
                        findings.append(f"BREACH: {path} answered {client.recv(200)!r}")
                    except OSError:
                        pass
        raise RuntimeError("; ".join(findings) or "no breach: no docker socket, no unix socket")

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
