"""Accepted: nodes as dicts built recursively, a loop over features with cumulative counts,
predict by splitting index arrays node by node (vectorised over samples)."""

import numpy as np


class DecisionTreeClassifier:
    def __init__(self, criterion="gini", max_depth=None, min_samples_split=2):
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split

    def _from_counts(self, counts):
        n = counts.sum(axis=-1, keepdims=True)
        p = counts / np.where(n == 0, 1, n)
        if self.criterion == "entropy":
            safe = np.clip(p, 1e-300, None)
            return -np.sum(p * np.log2(safe), axis=-1)
        return 1.0 - np.sum(p**2, axis=-1)

    def _impurity(self, y):
        counts = np.unique(y, return_counts=True)[1].astype(float)
        return float(self._from_counts(counts))

    def _best_split(self, X, y):
        labels = np.unique(y, return_inverse=True)[1].ravel()
        n, k = len(labels), labels.max() + 1
        parent = self._from_counts(np.bincount(labels, minlength=k).astype(float))
        best = None
        for j in range(X.shape[1]):
            order = np.argsort(X[:, j])
            xs = X[order, j]
            counts = np.eye(k)[labels[order]]
            left = np.add.accumulate(counts, axis=0)[:-1]
            right = left[-1] + counts[-1] - left
            n_left = np.arange(1, n)
            child = (n_left * self._from_counts(left) + (n - n_left) * self._from_counts(right)) / n
            gain = parent - child
            ok = np.flatnonzero(xs[1:] > xs[:-1])
            if ok.size == 0:
                continue
            top = gain[ok].max()
            i = ok[np.flatnonzero(gain[ok] >= top - 1e-9)[0]]
            if best is None or top > best[2] + 1e-9:
                best = (j, xs[i] + (xs[i + 1] - xs[i]) / 2.0, float(top))
        return best

    def _grow(self, X, y, depth):
        counts = np.bincount(y, minlength=len(self.classes_))
        node = {"value": counts / counts.sum()}
        self.depth_ = max(self.depth_, depth)
        if self.max_depth is not None and depth >= self.max_depth:
            return node
        if len(y) < self.min_samples_split or np.count_nonzero(counts) < 2:
            return node
        split = self._best_split(X, y)
        if split is None or split[2] <= 1e-12:
            return node
        j, t, _ = split
        mask = X[:, j] <= t
        node.update(feature=j, threshold=t)
        node["left"] = self._grow(X[mask], y[mask], depth + 1)
        node["right"] = self._grow(X[~mask], y[~mask], depth + 1)
        return node

    def fit(self, X, y):
        self.classes_, codes = np.unique(y, return_inverse=True)
        self.depth_ = 0
        self.root = self._grow(np.asarray(X, dtype=float), codes.ravel(), 0)
        self.n_leaves_ = self._count(self.root)
        return self

    def _count(self, node):
        return (
            1 if "feature" not in node else self._count(node["left"]) + self._count(node["right"])
        )

    def _fill(self, node, X, rows, out):
        if "feature" not in node:
            out[rows] = node["value"]
            return
        mask = X[rows, node["feature"]] <= node["threshold"]
        self._fill(node["left"], X, rows[mask], out)
        self._fill(node["right"], X, rows[~mask], out)

    def predict_proba(self, X):
        X = np.asarray(X, dtype=float)
        out = np.zeros((len(X), len(self.classes_)))
        self._fill(self.root, X, np.arange(len(X)), out)
        return out

    def predict(self, X):
        return self.classes_[self.predict_proba(X).argmax(axis=1)]
