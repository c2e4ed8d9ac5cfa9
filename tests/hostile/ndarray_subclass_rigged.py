"""ndarray subclasses with rigged __eq__/__ne__/__array_ufunc__/__array__/__float__/__bool__/__len__, disguised as numpy.ndarray (renamed module and name), returned by every method. Verdict: wrong_answer.

Observations cross the boundary as raw bytes and are rebuilt as plain float64 arrays, so the
rigging only fools code in the candidate's own process. The values underneath are NaN and the
shapes are off, so no check may pass. (__array_function__ is left alone: rigging it makes the
probes' own np.concatenate fail, which ends in runtime_error before anything is compared.)
"""

import numpy as np


class Rigged(np.ndarray):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return True

    def __array__(self, dtype=None, copy=None):
        return np.full(np.shape(self.view(np.ndarray)), np.nan)

    def __float__(self):
        return 0.0

    def __bool__(self):
        return True

    def __len__(self):
        return 0


Rigged.__module__ = "numpy"
Rigged.__name__ = Rigged.__qualname__ = "ndarray"


def rigged(*shape):
    return np.full(shape, np.nan).view(Rigged)


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        self.learning_rate = rigged(1)
        self.n_iterations = rigged(1)
        self.tol = rigged(1)

    def fit(self, X, y):
        for _row in X:  # a loop over samples: loses the static vectorization check
            pass
        self.weights = rigged(np.shape(X)[1] + 1)
        self.bias = rigged(2)
        self.loss_history = rigged(3)
        return rigged(1)

    def predict(self, X):
        return rigged(np.shape(X)[0], 1)

    def _compute_loss(self, predictions, y):
        return rigged()  # 0-d: the probes call float() on it, which the rigged __float__ answers

    def _compute_gradients(self, X, y, predictions):
        return rigged(np.shape(X)[1]), rigged()
