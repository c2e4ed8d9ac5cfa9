import numpy as np


class DBSCAN:
    """Squared differences per feature with np.subtract.outer; each cluster grown from its
    lowest unlabelled core point with frontiers of indices; a border point keeps the first
    cluster that labelled it."""

    def __init__(self, eps=0.5, min_samples=5):
        self.eps = eps
        self.min_samples = min_samples

    def fit(self, X):
        X = np.asarray(X, dtype=np.float64)
        n = X.shape[0]
        squared = sum(np.subtract.outer(feature, feature) ** 2 for feature in X.T)
        within = squared <= self.eps * self.eps
        is_core = np.count_nonzero(within, axis=1) >= self.min_samples
        labels = -np.ones(n, dtype=np.int64)
        next_label = 0
        for seed in np.flatnonzero(is_core):
            if labels[seed] >= 0:
                continue  # already in the cluster of an earlier core point
            labels[seed] = next_label
            frontier = np.array([seed])
            while frontier.size:
                fresh = np.flatnonzero(within[frontier].any(axis=0) & (labels < 0))
                labels[fresh] = next_label
                frontier = fresh[is_core[fresh]]
            next_label += 1
        self.labels_ = labels
        self.core_sample_indices_ = np.flatnonzero(is_core)
        return self
