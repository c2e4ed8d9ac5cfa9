import numpy as np


class TSNEAffinities:
    """The input affinities of t-SNE: a Gaussian bandwidth per point, found by binary search
    so that each point's conditional distribution has the target perplexity."""

    def __init__(self, perplexity=30.0, tol=1e-5, max_iter=100):
        """Store the hyperparameters as attributes of the same names.

        After fit(): self.P_ (n, n) symmetric joint probabilities, self.betas_ (n,) the
        precisions beta_i = 1 / (2 sigma_i^2), self.n_iter_ (n,) int updates of each beta_i.
        """
        raise NotImplementedError

    def fit(self, X):
        """X: float64 (n, d). Search every beta_i until |H_i - log(perplexity)| < tol (nats)
        or max_iter updates; then P_ = (P + P.T) / (2n). Returns self."""
        raise NotImplementedError

    def _squared_distances(self, X):
        """X: float64 (n, d). Return the (n, n) matrix of squared Euclidean distances."""
        raise NotImplementedError

    def _conditional_probabilities(self, distances, betas):
        """distances: (n, n) squared distances; betas: (n,). Return P with
        P[i, j] = exp(-betas[i] * distances[i, j]) / sum_{k != i} exp(-betas[i] * distances[i, k])
        for j != i, and P[i, i] = 0."""
        raise NotImplementedError
