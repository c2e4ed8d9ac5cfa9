import numpy as np


class TSNEAffinities:
    """A cheat: the right shapes, finite, symmetric, summing to 1, but no search at all
    (uniform affinities). It must earn nothing for the mathematics and nothing for
    stability or for the search's stopping rules."""

    def __init__(self, perplexity=30.0, tol=1e-5, max_iter=100):
        self.perplexity, self.tol, self.max_iter = perplexity, tol, max_iter

    def _squared_distances(self, X):
        return ((X[:, None, :] - X[None, :, :]) ** 2).sum(-1)

    def _conditional_probabilities(self, distances, betas):
        n = len(distances)
        return (1.0 - np.eye(n)) / (n - 1)

    def fit(self, X):
        n = len(X)
        self.betas_ = np.ones(n)
        self.n_iter_ = np.full(n, self.max_iter)
        self.P_ = (1.0 - np.eye(n)) / (n * (n - 1))
        return self
