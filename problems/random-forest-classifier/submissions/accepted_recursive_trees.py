"""Accepted: trees as nested dicts grown recursively, rng.choice for the bootstrap, a
permutation for the candidate features, a loop over the drawn features with cumulative
counts, votes counted with np.bincount per tree, predict by index arrays per node."""

import math

import numpy as np


class RandomForestClassifier:
    def __init__(
        self,
        n_estimators=100,
        max_depth=None,
        min_samples_split=2,
        max_features="sqrt",
        bootstrap=True,
        random_state=None,
    ):
        self.n_estimators = n_estimators
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.max_features = max_features
        self.bootstrap = bootstrap
        self.random_state = random_state

    @staticmethod
    def _gini(counts):
        n = counts.sum(axis=-1, keepdims=True)
        p = counts / np.where(n == 0, 1, n)
        return 1.0 - np.einsum("...k,...k->...", p, p)

    def _split(self, X, y, features):
        n, k = len(y), self._k
        parent = self._gini(np.bincount(y, minlength=k).astype(float))
        found = []
        for j in sorted(features):
            order = np.argsort(X[:, j], kind="stable")
            xs = X[order, j]
            left = np.cumsum(np.eye(k)[y[order]], axis=0)[:-1]
            right = left[-1] + np.eye(k)[y[order[-1]]] - left
            m = np.arange(1, n)
            gain = parent - (m * self._gini(left) + (n - m) * self._gini(right)) / n
            gain[xs[1:] == xs[:-1]] = -np.inf
            found.append((j, xs, gain))
        top = max((float(gain.max()) for _, _, gain in found), default=-np.inf)
        if not np.isfinite(top):
            return None
        for j, xs, gain in found:  # gains within 1e-9 of the best are ties: lowest feature,
            tied = np.flatnonzero(gain >= top - 1e-9)  # then lowest threshold
            if tied.size:
                i = int(tied[0])
                return (j, 0.5 * xs[i] + 0.5 * xs[i + 1], gain[i])
        return None

    def _grow(self, X, y, depth, rng):
        counts = np.bincount(y, minlength=self._k)
        node = {"value": counts / counts.sum()}
        if self.max_depth is not None and depth >= self.max_depth:
            return node
        if len(y) < self.min_samples_split or np.count_nonzero(counts) == 1:
            return node
        split = self._split(X, y, rng.permutation(X.shape[1])[: self._m])
        if split is None or split[2] <= 1e-12:
            return node
        j, t, _ = split
        mask = X[:, j] <= t
        node.update(feature=j, threshold=t)
        node["left"] = self._grow(X[mask], y[mask], depth + 1, rng)
        node["right"] = self._grow(X[~mask], y[~mask], depth + 1, rng)
        return node

    def fit(self, X, y):
        X = np.asarray(X, dtype=float)
        self.classes_, codes = np.unique(y, return_inverse=True)
        codes = codes.ravel()
        n, d = X.shape
        self._k = len(self.classes_)
        if self.max_features is None:
            self._m = d
        elif self.max_features == "sqrt":
            self._m = max(1, math.isqrt(d))
        else:
            self._m = int(self.max_features)
        rng = np.random.default_rng(self.random_state)
        samples, self.trees = [], []
        for _ in range(self.n_estimators):
            rows = rng.choice(n, size=n, replace=True) if self.bootstrap else np.arange(n)
            samples.append(rows)
            self.trees.append(self._grow(X[rows], codes[rows], 0, rng))
        self.estimators_samples_ = np.array(samples)
        return self

    def _route(self, node, X, rows, out):
        if "feature" not in node:
            out[rows] = np.argmax(node["value"])
            return
        mask = X[rows, node["feature"]] <= node["threshold"]
        self._route(node["left"], X, rows[mask], out)
        self._route(node["right"], X, rows[~mask], out)

    def _tree_predictions(self, X):
        X = np.asarray(X, dtype=float)
        out = np.zeros((len(self.trees), len(X)), dtype=np.int64)
        for t, tree in enumerate(self.trees):
            self._route(tree, X, np.arange(len(X)), out[t])
        return self.classes_[out]

    def predict_proba(self, X):
        codes = np.searchsorted(self.classes_, self._tree_predictions(X))
        votes = np.stack([np.bincount(column, minlength=self._k) for column in codes.T])
        return votes / len(self.trees)

    def predict(self, X):
        return self.classes_[self.predict_proba(X).argmax(axis=1)]
