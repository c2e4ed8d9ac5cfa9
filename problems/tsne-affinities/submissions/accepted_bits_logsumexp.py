import numpy as np


class TSNEAffinities:
    """Entropy in bits against log2(perplexity) (the same bandwidths as nats against ln),
    written with a log-sum-exp: H = log Z + beta * E[d]. A while loop over iterations."""

    def __init__(self, perplexity=30.0, tol=1e-5, max_iter=100):
        self.perplexity, self.tol, self.max_iter = perplexity, tol, max_iter

    def _squared_distances(self, X):
        gram = np.einsum("id,jd->ij", X, X)
        diag = np.diag(gram)
        D = diag[:, None] - 2 * gram + diag[None, :]
        D[D < 0] = 0.0
        D[np.diag_indices_from(D)] = 0.0
        return D

    def _logits(self, distances, betas):
        z = -betas.reshape(-1, 1) * distances
        z[np.diag_indices_from(z)] = -np.inf
        return z - z.max(axis=1, keepdims=True)

    def _conditional_probabilities(self, distances, betas):
        z = self._logits(np.asarray(distances, float), np.asarray(betas, float))
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def _bits(self, D, betas):
        z = self._logits(D, betas)
        log_z = np.log(np.exp(z).sum(axis=1))
        p = np.exp(z - log_z[:, None])
        safe_z = np.where(p > 0, z, 0.0)
        return (log_z - (p * safe_z).sum(axis=1)) / np.log(2.0)

    def fit(self, X):
        D = self._squared_distances(np.asarray(X, float))
        n = len(D)
        goal = np.log2(self.perplexity)
        beta, lo, hi = np.ones(n), np.full(n, 0.0), np.full(n, np.inf)
        done = np.zeros(n, bool)
        self.n_iter_ = np.zeros(n, np.int64)
        it = 0
        while it < self.max_iter:
            h = self._bits(D, beta)
            done |= np.abs(h - goal) < self.tol / np.log(2.0)  # tol is in nats
            if done.all():
                break
            grow = ~done & (h > goal)
            shrink = ~done & (h <= goal)
            lo[grow] = beta[grow]
            hi[shrink] = beta[shrink]
            new = np.where(np.isfinite(hi), (lo + hi) / 2, beta * 2)
            beta = np.where(done, beta, new)
            self.n_iter_[~done] += 1
            it += 1
        self.betas_ = beta
        P = self._conditional_probabilities(D, beta)
        self.P_ = (P + P.T) / (2.0 * n)
        return self
