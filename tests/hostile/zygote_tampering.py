"""Tampering with the zygote: in its first call (once the zygote has forked it), the first group's process stops the zygote (SIGSTOP), the second kills it, the third renices it and gives it one CPU second (RLIMIT_CPU), the fourth stops it again; the solution is otherwise correct. Verdict: accepted.

Twin: twins/vectorized.py

The zygote runs as the candidate, so the candidate may do all of this; the harness must
still get a fresh candidate process for every group (continuing or restarting the zygote),
and score the solution as if nothing happened.
"""

import numpy as np

os = __import__("os")
signal = __import__("signal")
resource = __import__("resource")


def _round():
    """Which tampering this process does (/tmp is not writable, so no shared counter)."""
    return os.getpid() % 4


def _tamper_with_the_zygote():
    """In the first call of each group's process: do something to the zygote (our parent)."""
    zygote = os.getppid()
    round_ = _round()
    if round_ == 0:
        os.kill(zygote, signal.SIGSTOP)  # the next group's process cannot be forked
    elif round_ == 1:
        os.kill(zygote, signal.SIGKILL)  # nor by a dead zygote
    elif round_ == 2:
        os.setpriority(os.PRIO_PROCESS, zygote, 10)
        resource.prlimit(zygote, resource.RLIMIT_CPU, (1, 1))  # SIGXCPU after 1 CPU second
    elif round_ == 3:
        os.kill(zygote, signal.SIGSTOP)


_TAMPERED = []


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        if not _TAMPERED:
            _TAMPERED.append(_tamper_with_the_zygote())
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
