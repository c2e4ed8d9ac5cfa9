"""Module patching of the call server: fit() returns None and predict() returns a (n, 1) column, and at import the code replaces CallServer.answer in its own process so that the judge is told fit() returned self and predict() a flat (n,) array. Verdict: accepted.

Twin: twins/fit_returns_self_flat.py
Targets: code_organization

The call server runs in the candidate's process, so whatever it answers is a claim of the
candidate's code, and nothing in-process can stop the code from rewriting it (frames, gc
and sys.modules reach everything). That is not a forgery: the judge scores behaviour at
the interface, and a server that answers "self" and a flat array *is* an interface that
returns self and a flat array, as a decorator on fit() and predict() would be. So the twin
is the same behaviour written plainly, and the trick must gain nothing over it. What the
server cannot claim is measured outside it: time, memory, and the values themselves.
"""

import numpy as np

sys = __import__("sys")


def _patch_call_server():
    """Rewrite the answers of the call server this process runs (it is in sys.modules)."""
    candidate = sys.modules.get("sandbox.harness.candidate")
    wire = sys.modules.get("sandbox.harness.wire")
    if candidate is None or wire is None:
        return
    answer = candidate.CallServer.answer

    def forged(server, header, buffers):
        response, value = answer(server, header, buffers)
        if header.get("op") == "call" and header.get("name") == "fit" and value is None:
            value = wire.Ref(int(header["ref"]))  # "fit() returned self"
        if isinstance(value, np.ndarray) and value.ndim == 2 and value.shape[1] == 1:
            value = value.ravel()  # "predict() returned shape (n,)"
        return response, value

    candidate.CallServer.answer = forged


_patch_call_server()


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol
        self.weights = None
        self.bias = 0.0
        self.loss_history = []

    def fit(self, X, y):
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64).ravel()
        self.weights, self.bias, self.loss_history = np.zeros(X.shape[1]), 0.0, []
        for iteration in range(self.n_iterations):
            predictions = X @ self.weights + self.bias
            loss = self._compute_loss(predictions, y)
            self.loss_history.append(loss)
            if iteration > 0 and abs(self.loss_history[-2] - loss) < self.tol:
                break
            dw, db = self._compute_gradients(X, y, predictions)
            self.weights = self.weights - self.learning_rate * dw
            self.bias = float(self.bias - self.learning_rate * db)
        # (no return: fit() returns None)

    def predict(self, X):
        return (np.asarray(X, dtype=np.float64) @ self.weights + self.bias).reshape(-1, 1)

    def _compute_loss(self, predictions, y):
        r = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        return float(0.5 * np.mean(r * r))

    def _compute_gradients(self, X, y, predictions):
        r = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        return X.T @ r / X.shape[0], float(np.mean(r))
