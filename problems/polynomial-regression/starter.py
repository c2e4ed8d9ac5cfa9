from itertools import combinations_with_replacement

import numpy as np


class PolynomialRegression:
    """Polynomial regression: standardised inputs, expanded into every monomial of degree 1
    to `degree`, fitted by least squares with an unpenalised bias."""

    def __init__(self, degree=2):
        """Store degree as an attribute of the same name.

        After fit(): self.mean_ and self.scale_ (ndarray, shape (n_features,)), the
        standardisation of the inputs; self.weights (one per expanded feature); self.bias.
        """
        raise NotImplementedError

    def _expand(self, X):
        """Return the monomials of the columns of X of total degree 1 .. degree, shape
        (n_samples, n_terms): degree by degree, and within a degree in the order of
        itertools.combinations_with_replacement(range(n_features), power)."""
        raise NotImplementedError

    def fit(self, X, y):
        """Standardise X with its own column means and (population) standard deviations,
        expand, fit least squares with a bias. X: (n_samples, n_features); y: (n_samples,).
        Returns self."""
        raise NotImplementedError

    def predict(self, X):
        """Standardise X with the training statistics, expand, and return
        expanded @ weights + bias, shape (n_samples,)."""
        raise NotImplementedError
