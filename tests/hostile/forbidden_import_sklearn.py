"""Forbidden import: scikit-learn's LinearRegression wrapped under the expected name, plus relative and aliased imports. Verdict: forbidden_import."""

import numpy as np
import sklearn.linear_model as lm
from sklearn.linear_model import LinearRegression as _SkLinearRegression

from . import helpers


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        self._model = _SkLinearRegression()

    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        raise NotImplementedError

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
