import numpy as np


class DBSCAN:
    """The neighbourhood matrix filled pair by pair in Python; the rest is vectorised."""

    def __init__(self, eps=0.5, min_samples=5):
        self.eps = eps
        self.min_samples = min_samples

    def fit(self, X):
        X = np.asarray(X, dtype=np.float64)
        n = len(X)
        near = np.zeros((n, n), dtype=bool)
        for i in range(n):
            for j in range(n):
                near[i, j] = np.linalg.norm(X[i] - X[j]) <= self.eps
        core = near.sum(axis=1) >= self.min_samples
        labels = np.full(n, -1)
        cluster = 0
        while (unlabelled := core & (labels == -1)).any():
            members = np.zeros(n, dtype=bool)
            members[np.argmax(unlabelled)] = True
            frontier = members.copy()
            while frontier.any():
                reached = near[frontier].any(axis=0)
                frontier = reached & ~members & core
                members |= reached
            labels[members & (labels == -1)] = cluster
            cluster += 1
        self.labels_ = labels
        self.core_sample_indices_ = np.flatnonzero(core)
        return self
