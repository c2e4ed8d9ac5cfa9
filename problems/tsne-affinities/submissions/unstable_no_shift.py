"""exp(-beta * d) without subtracting the row maximum: every weight underflows to 0
for large distances, and 0 / 0 is NaN."""

import numpy as np


class TSNEAffinities:
    def __init__(self, perplexity=30.0, tol=1e-5, max_iter=100):
        self.perplexity = perplexity
        self.tol = tol
        self.max_iter = max_iter

    def fit(self, X):
        X = np.asarray(X, dtype=np.float64)
        n = X.shape[0]
        distances = self._squared_distances(X)
        target = np.log(self.perplexity)
        betas, low, high = np.ones(n), np.zeros(n), np.full(n, np.inf)
        active = np.ones(n, dtype=bool)
        self.n_iter_ = np.zeros(n, dtype=np.int64)
        for _ in range(self.max_iter):
            entropy = self._entropy(distances, betas)
            active &= ~(np.abs(entropy - target) < self.tol)
            if not active.any():
                break
            too_flat = active & (entropy > target)  # beta too small: raise it
            too_sharp = active & ~too_flat
            low = np.where(too_flat, betas, low)
            high = np.where(too_sharp, betas, high)
            raised = np.where(np.isinf(high), 2.0 * betas, 0.5 * (low + high))
            betas = np.where(too_flat, raised, np.where(too_sharp, 0.5 * (low + high), betas))
            self.n_iter_ += active
        self.betas_ = betas
        conditional = self._conditional_probabilities(distances, betas)
        self.P_ = (conditional + conditional.T) / (2.0 * n)
        return self

    def _squared_distances(self, X):
        """||x_i - x_j||^2 for every pair, by the expansion (clipped at 0, zero diagonal)."""
        X = np.asarray(X, dtype=np.float64)
        squared = (X * X).sum(axis=1)
        distances = np.maximum(squared[:, None] + squared[None, :] - 2.0 * X @ X.T, 0.0)
        np.fill_diagonal(distances, 0.0)
        return distances

    def _conditional_probabilities(self, distances, betas):
        """P_{j|i}: row i is a softmax of -beta_i * d_ij over j != i."""
        distances = np.asarray(distances, dtype=np.float64)
        logits = -np.asarray(betas, dtype=np.float64)[:, None] * distances
        np.fill_diagonal(logits, -np.inf)
        weights = np.exp(logits)
        return weights / weights.sum(axis=1, keepdims=True)

    def _entropy(self, distances, betas):
        """Shannon entropy (nats) of each row of P_{j|i}."""
        P = self._conditional_probabilities(distances, betas)
        logs = np.log(np.where(P > 0.0, P, 1.0))
        return -(P * logs).sum(axis=1)
