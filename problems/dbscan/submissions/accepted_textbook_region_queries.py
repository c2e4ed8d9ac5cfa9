import numpy as np


class DBSCAN:
    """The textbook algorithm: a region query per point, clusters grown with a queue."""

    def __init__(self, eps=0.5, min_samples=5):
        self.eps = eps
        self.min_samples = min_samples

    def _region(self, X, i):
        return np.flatnonzero(np.sqrt(((X - X[i]) ** 2).sum(axis=1)) <= self.eps)

    def fit(self, X):
        X = np.asarray(X, dtype=float)
        n = len(X)
        labels = np.full(n, -2)  # -2: not visited yet
        core = np.zeros(n, dtype=bool)
        cluster = -1
        for i in range(n):
            if labels[i] != -2:
                continue
            neighbours = self._region(X, i)
            if len(neighbours) < self.min_samples:
                labels[i] = -1
                continue
            cluster += 1
            core[i] = True
            labels[i] = cluster
            queue = list(neighbours)
            while queue:
                j = queue.pop()
                if labels[j] == -1:
                    labels[j] = cluster
                if labels[j] != -2:
                    continue
                labels[j] = cluster
                found = self._region(X, j)
                if len(found) >= self.min_samples:
                    core[j] = True
                    queue.extend(found)
        for i in np.flatnonzero(~core):  # non-core points visited first were never tested
            core[i] = len(self._region(X, i)) >= self.min_samples
        self.labels_ = labels
        self.core_sample_indices_ = np.flatnonzero(core)
        return self
