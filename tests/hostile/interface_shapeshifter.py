"""Interface shapeshifting: fit() returns a fresh instance of a subclass (or the class itself), predict is a property that returns data, weights and bias are properties that re-fit on every read (side effects), __getattr__ answers every unknown name with a callable, and a class attribute shadows a method with an ndarray. Verdict: wrong_answer.

Twin: twins/vectorized.py

Every get, call and set the harness makes must end in an observation or a clear failure of
the probe (never an exception in the harness or an internal_error), and a subclass or the
class is not "self".
"""

import numpy as np

_READS = [0]


class LinearRegression:
    loss_history = np.arange(3.0)  # a class attribute, shadowed after fit

    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol
        self._weights = None
        self._bias = 0.0
        self._data = None

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return lambda *args, **kwargs: LinearRegression  # any unknown name: a callable

    @property
    def weights(self):
        _READS[0] += 1
        if self._data is not None and _READS[0] % 2:
            self._train(*self._data)  # reading changes the state: the weights move
        return self._weights

    @property
    def bias(self):
        return type(self) if _READS[0] % 3 == 0 else self._bias

    @property
    def predict(self):  # data where a method is expected
        return np.zeros(3)

    def fit(self, X, y):
        self._data = (np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64).ravel())
        self._train(*self._data)
        if _READS[0] % 2:
            return type("Sub", (LinearRegression,), {})()  # an instance of a subclass
        return LinearRegression  # the class itself

    def _train(self, X, y):
        self._weights, self._bias, self.loss_history = np.zeros(X.shape[1]), 0.0, []
        for iteration in range(self.n_iterations):
            predictions = X @ self._weights + self._bias
            loss = self._compute_loss(predictions, y)
            self.loss_history.append(loss)
            if iteration > 0 and abs(self.loss_history[-2] - loss) < self.tol:
                break
            dw, db = self._compute_gradients(X, y, predictions)
            self._weights = self._weights - self.learning_rate * dw
            self._bias = float(self._bias - self.learning_rate * db)

    def _compute_loss(self, predictions, y):
        r = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        return float(0.5 * np.mean(r * r))

    def _compute_gradients(self, X, y, predictions):
        r = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        return X.T @ r / X.shape[0], float(np.mean(r))
