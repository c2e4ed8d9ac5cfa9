"""Accepted: breadth-first growth with a deque, flat node lists, np.add.at class counts,
an epsilon inside the log, x < threshold going left (no sample sits exactly on a midpoint),
and predict moving all samples down one level at a time."""

from collections import deque

import numpy as np


class DecisionTreeClassifier:
    def __init__(self, criterion="gini", max_depth=None, min_samples_split=2):
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split

    def _score(self, counts, sizes):
        p = counts / np.maximum(sizes, 1.0)[..., None]
        if self.criterion == "gini":
            return 1.0 - np.einsum("...k,...k->...", p, p)
        return -np.einsum("...k,...k->...", p, np.log2(p + 1e-15))

    def _impurity(self, y):
        y = np.asarray(y)
        counts = np.zeros(y.max() - y.min() + 1)
        np.add.at(counts, y - y.min(), 1.0)
        counts = counts[counts > 0]
        return float(self._score(counts, np.array(counts.sum())))

    def _best_split(self, X, y):
        classes, codes = np.unique(y, return_inverse=True)
        n, d, k = X.shape[0], X.shape[1], len(classes)
        order = np.argsort(X, axis=0)
        xs = np.take_along_axis(X, order, axis=0)
        counts = np.zeros((n, d, k))
        np.put_along_axis(counts, codes.ravel()[order][:, :, None], 1.0, axis=2)
        left = counts.cumsum(axis=0)
        total = left[-1]
        left = left[:-1]
        sizes = np.arange(1.0, n)[:, None]
        weighted = sizes * self._score(left, sizes) + (n - sizes) * self._score(
            total - left, n - sizes
        )
        gain = self._score(total[0], np.array(float(n))) - weighted / n
        gain[xs[1:] == xs[:-1]] = -np.inf
        if np.isneginf(gain).all():
            return None
        best = gain.max()
        candidates = np.argwhere(gain.T >= best - 1e-9)  # rows (feature, position), sorted
        j, i = candidates[0]
        midpoint = 0.5 * xs[i, j] + 0.5 * xs[i + 1, j]
        return int(j), float(midpoint), float(gain[i, j])

    def fit(self, X, y):
        X = np.asarray(X, dtype=float)
        self.classes_, codes = np.unique(y, return_inverse=True)
        codes = codes.ravel()
        k = len(self.classes_)
        self.features, self.thresholds, self.children, self.values = [], [], [], []
        queue = deque([(0, np.arange(len(codes)), 0)])
        self.features.append(-1)
        self.thresholds.append(np.nan)
        self.children.append([-1, -1])
        self.values.append(None)
        self.depth_ = 0
        while queue:
            node, rows, depth = queue.popleft()
            self.depth_ = max(self.depth_, depth)
            counts = np.bincount(codes[rows], minlength=k)
            self.values[node] = counts / len(rows)
            stop = (self.max_depth is not None and depth == self.max_depth) or (
                len(rows) < self.min_samples_split or (counts > 0).sum() == 1
            )
            split = None if stop else self._best_split(X[rows], codes[rows])
            if split is None or split[2] <= 1e-12:
                continue
            self.features[node], self.thresholds[node] = split[0], split[1]
            left = X[rows, split[0]] < split[1]
            for side, part in enumerate((rows[left], rows[~left])):
                self.children[node][side] = len(self.features)
                self.features.append(-1)
                self.thresholds.append(np.nan)
                self.children.append([-1, -1])
                self.values.append(None)
                queue.append((len(self.features) - 1, part, depth + 1))
        self.features = np.array(self.features)
        self.thresholds = np.array(self.thresholds)
        self.children = np.array(self.children)
        self.values = np.vstack(self.values)
        self.n_leaves_ = int((self.features == -1).sum())
        return self

    def predict_proba(self, X):
        X = np.asarray(X, dtype=float)
        at = np.zeros(len(X), dtype=int)
        for _ in range(self.depth_):
            internal = self.features[at] >= 0
            f = np.where(internal, self.features[at], 0)
            right = ~(X[np.arange(len(X)), f] < self.thresholds[at])
            at = np.where(internal, self.children[at, right.astype(int)], at)
        return self.values[at]

    def predict(self, X):
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]
