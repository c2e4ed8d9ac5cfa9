import numpy as np


class TSNEAffinities:
    """The original per-point search, on sigma instead of beta: each point's bandwidth is
    bisected on its own (every step vectorised over the row). Distances by broadcasting."""

    def __init__(self, perplexity=30.0, tol=1e-5, max_iter=100):
        self.perplexity = perplexity
        self.tol = tol
        self.max_iter = max_iter

    def _squared_distances(self, X):
        diff = X[:, None, :] - X[None, :, :]
        return np.sum(diff * diff, axis=-1)

    def _conditional_probabilities(self, distances, betas):
        out = np.zeros_like(distances, dtype=float)
        for i in range(distances.shape[0]):
            out[i] = self._row(distances[i], betas[i], i)
        return out

    def _row(self, d, beta, i):
        logits = -beta * d
        logits[i] = -np.inf
        w = np.exp(logits - logits.max())
        return w / w.sum()

    def fit(self, X):
        D = self._squared_distances(np.asarray(X, dtype=float))
        n = D.shape[0]
        goal = np.log(self.perplexity)
        betas = np.empty(n)
        self.n_iter_ = np.zeros(n, dtype=int)
        for i in range(n):
            sigma, lo, hi = np.sqrt(0.5), 0.0, np.inf  # beta = 1 / (2 sigma^2) = 1 at first
            for _ in range(self.max_iter):
                p = self._row(D[i], 1.0 / (2.0 * sigma**2), i)
                nz = p[p > 0]
                h = -np.sum(nz * np.log(nz))
                if abs(h - goal) < self.tol:
                    break
                if h > goal:  # too wide: shrink sigma
                    hi = sigma
                    sigma = (lo + hi) / 2.0
                else:
                    lo = sigma
                    sigma = sigma * 2.0 if np.isinf(hi) else (lo + hi) / 2.0
                self.n_iter_[i] += 1
            betas[i] = 1.0 / (2.0 * sigma**2)
        self.betas_ = betas
        P = self._conditional_probabilities(D, betas)
        self.P_ = (P + P.T) / (2 * n)
        return self
