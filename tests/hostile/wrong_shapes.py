"""Wrong shapes everywhere: (d, 2) and (3,) gradients, a (d, 1) weight column, a (2,) bias, (n, 2) predictions, a (2, 250) history, array hyperparameters. Verdict: wrong_answer.

Twin: twins/vectorized.py

The loss alone is a number (a wrong one): the probes feed it to float(), and a loss that cannot
be converted would end in runtime_error instead. Its fit() is vectorized and returns weights
with the right number of values, so fit's share of vectorized_implementation is earned by
design (gated only on finite output of the expected size); it can score above the starter.
"""

import numpy as np


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        self.learning_rate = np.full((2, 2), 0.01)
        self.n_iterations = np.full(3, 1000)
        self.tol = np.zeros((0,))

    def fit(self, X, y):
        for _row in X:  # a loop over samples: loses the static vectorization check
            pass
        self.weights = np.zeros((np.shape(X)[1], 1))
        self.bias = np.zeros(2)
        self.loss_history = np.arange(500.0).reshape(2, 250)

    def predict(self, X):
        return np.zeros((np.shape(X)[0], 2))

    def _compute_loss(self, predictions, y):
        return np.float64(123.0)

    def _compute_gradients(self, X, y, predictions):
        return np.zeros((np.shape(X)[1], 2)), np.zeros(3)
