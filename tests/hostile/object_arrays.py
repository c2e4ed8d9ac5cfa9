"""Object arrays, self-referencing containers and objects that lie in __float__/__eq__/__repr__, returned by every method. Verdict: wrong_answer."""

import numpy as np


class Liar:
    def __float__(self):
        return float("nan")

    def __eq__(self, other):
        return True

    def __hash__(self):
        return 0

    def __repr__(self):
        return "1.0"

    def __index__(self):
        return 0


def liars(*shape):
    array = np.empty(shape, dtype=object)
    array.fill(Liar())
    return array


def loop():
    array = np.empty(2, dtype=object)
    array[0] = array
    array[1] = Liar()
    return array


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        self.learning_rate = loop()
        self.n_iterations = [Liar(), [Liar(), [Liar()]]]
        self.tol = Liar()

    def fit(self, X, y):
        for _row in X:  # a loop over samples: loses the static vectorization check
            pass
        self.weights = liars(np.shape(X)[1])
        self.bias = Liar()
        self.loss_history = liars(3)
        return loop()

    def predict(self, X):
        return liars(np.shape(X)[0])

    def _compute_loss(self, predictions, y):
        return liars()  # 0-d: the probes call float() on the loss

    def _compute_gradients(self, X, y, predictions):
        return liars(np.shape(X)[1]), loop()
