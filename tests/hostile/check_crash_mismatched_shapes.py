"""Patch the probes module (it runs in the candidate's process) so that central_difference_losses returns loss_plus and loss_minus of different lengths: a trusted check must not crash on it. Verdict: wrong_answer.

Everything else returns NaN (all probes succeed, no check passes), so a crash of a trusted
check shows up as an internal_error instead of wrong_answer.
"""

import numpy as np

sys = __import__("sys")


def _mismatched(loss_at, point, step):
    return {"loss_plus": np.zeros(7), "loss_minus": np.ones(3)}


for _name, _module in list(sys.modules.items()):
    if hasattr(_module, "central_difference_losses"):
        _module.central_difference_losses = _mismatched


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        for _row in X:  # a loop over samples: loses the static vectorization check
            pass

    def predict(self, X):
        return np.full((np.shape(X)[0], 1), np.nan)

    def _compute_loss(self, predictions, y):
        return float("nan")

    def _compute_gradients(self, X, y, predictions):
        return np.full(np.shape(X)[1], np.nan), float("nan")
