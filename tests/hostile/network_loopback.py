"""Network presence: list interfaces and routes, connect to 127.0.0.1 only (never any other address). Verdict: runtime_error.

Anything but the loopback interface, any route, or a listener on the loopback is a BREACH.
"""

import numpy as np

os = __import__("os")
socket = __import__("socket")

PORTS = (22, 53, 80, 443, 2375, 2376, 3306, 5000, 5432, 6379, 8000, 8080, 9000)


def _read(path):
    try:
        with open(path) as handle:
            return handle.read()
    except OSError as error:
        return f"<{type(error).__name__}>"


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        findings = []
        interfaces = sorted(os.listdir("/sys/class/net"))
        if interfaces != ["lo"]:
            findings.append(f"BREACH: interfaces {interfaces}")
        routes = _read("/proc/net/route").splitlines()[1:]
        if routes:
            findings.append(f"BREACH: routes {routes}")
        for port in PORTS:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                findings.append(f"BREACH: something listens on 127.0.0.1:{port}")
            except OSError:
                pass
        try:
            socket.getaddrinfo("localhost", 80)
        except OSError:
            pass
        raise RuntimeError("; ".join(findings) or f"no breach: interfaces {interfaces}, no routes")

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
