"""Writing to fd 4 between calls: from the first constructor call on, a thread watches the request pipe and, as soon as a request is waiting, writes a forged "ok" answer (None) on the response pipe, ahead of the call server's own answer. Verdict: runtime_error.

Twin: twins/vectorized.py

The harness takes the first frame as the answer; the server's real one then arrives before
the next question, which the harness must refuse ("your code wrote to the judge's
channel"), never take as the next answer.
"""

import numpy as np

json = __import__("json")
os = __import__("os")
select = __import__("select")
threading = __import__("threading")
time = __import__("time")

REQUEST_FD, RESPONSE_FD = 3, 4


def _frame(header):
    body = json.dumps({**header, "sizes": []}).encode()
    return (len(body) + 4).to_bytes(4, "big") + len(body).to_bytes(4, "big") + body


def _write_between_calls():
    """Whenever a request is waiting on fd 3, answer it first on fd 4: "ok", with None."""
    forged = _frame({"status": "ok", "values": {"result": {"t": "none"}}})
    while True:
        ready, _, _ = select.select([REQUEST_FD], [], [], 0.05)
        if ready:
            os.write(RESPONSE_FD, forged)
            time.sleep(0.01)  # let the call server take the request, and answer too


_WRITER = []


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        if not _WRITER:
            _WRITER.append(threading.Thread(target=_write_between_calls, daemon=True))
            _WRITER[0].start()
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
        return self

    def predict(self, X):
        return np.asarray(X, dtype=np.float64) @ self.weights + self.bias

    def _compute_loss(self, predictions, y):
        r = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        return float(0.5 * np.mean(r * r))

    def _compute_gradients(self, X, y, predictions):
        r = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        return X.T @ r / X.shape[0], float(np.mean(r))
