import numpy as np


class DBSCAN:
    """Right clusters, but float labels and fit returns None."""

    def __init__(self, eps=0.5, min_samples=5):
        self.eps = eps
        self.min_samples = min_samples

    def _neighbourhoods(self, X):
        """(n, n) booleans: ||x_i - x_j|| <= eps (every point is its own neighbour)."""
        squared = np.zeros((len(X), len(X)))
        for column in X.T:  # a loop over features: no (n, n, d) temporary
            squared += (column[:, None] - column[None, :]) ** 2
        return squared <= self.eps**2

    def fit(self, X):
        X = np.asarray(X, dtype=np.float64)
        near = self._neighbourhoods(X)
        core = near.sum(axis=1) >= self.min_samples
        labels = np.full(len(X), -1.0)
        cluster = 0
        # clusters in the order of their first core point; each is grown completely
        # (breadth first, a whole frontier at a time) before the next one starts
        while (unlabelled := core & (labels == -1)).any():
            members = np.zeros(len(X), dtype=bool)
            members[np.argmax(unlabelled)] = True
            frontier = members.copy()
            while frontier.any():
                reached = near[frontier].any(axis=0)
                frontier = reached & ~members & core  # only core points expand further
                members |= reached
            # a border point keeps the first cluster that reached it
            labels[members & (labels == -1)] = cluster
            cluster += 1
        self.labels_ = labels
        self.core_sample_indices_ = np.flatnonzero(core)
