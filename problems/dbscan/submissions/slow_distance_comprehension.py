import math

import numpy as np


class DBSCAN:
    """Distances in a nested comprehension with math.dist; then neighbour lists and a
    breadth-first search over them."""

    def __init__(self, eps=0.5, min_samples=5):
        self.eps = eps
        self.min_samples = min_samples

    def fit(self, X):
        points = np.asarray(X, dtype=float).tolist()
        distances = np.array([[math.dist(p, q) for q in points] for p in points])
        near = distances <= self.eps
        core = near.sum(axis=1) >= self.min_samples
        labels = np.full(len(points), -1)
        cluster = 0
        for start in np.flatnonzero(core):
            if labels[start] != -1:
                continue
            labels[start] = cluster
            queue = [start]
            while queue:
                i = queue.pop(0)
                for j in np.flatnonzero(near[i]):
                    if labels[j] == -1:
                        labels[j] = cluster
                        if core[j]:
                            queue.append(j)
            cluster += 1
        self.labels_ = labels
        self.core_sample_indices_ = np.flatnonzero(core)
        return self
