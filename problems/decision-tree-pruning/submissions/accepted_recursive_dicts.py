"""Accepted: nested dict nodes grown recursively (a loop over features, cumulative counts),
pruning by recursive traversals, an epsilon in the log, predict by index arrays per node."""

import numpy as np


class DecisionTreeClassifier:
    def __init__(self, criterion="gini", max_depth=None, min_samples_split=2, ccp_alpha=0.0):
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.ccp_alpha = ccp_alpha

    def _impurity(self, counts):
        n = counts.sum(axis=-1, keepdims=True)
        p = counts / np.where(n == 0, 1, n)
        if self.criterion == "entropy":
            return -np.sum(p * np.log2(p + 1e-300), axis=-1)
        return 1.0 - np.sum(p**2, axis=-1)

    def _split(self, X, y):
        n, k = len(y), len(self.classes_)
        parent = self._impurity(np.bincount(y, minlength=k).astype(float))
        found = []
        for j in range(X.shape[1]):
            order = np.argsort(X[:, j], kind="stable")
            xs = X[order, j]
            left = np.cumsum(np.eye(k)[y[order]], axis=0)[:-1]
            right = left[-1] + np.eye(k)[y[order[-1]]] - left
            m = np.arange(1, n)
            gain = parent - (m * self._impurity(left) + (n - m) * self._impurity(right)) / n
            gain[xs[1:] <= xs[:-1]] = -np.inf
            found.append((j, xs, gain))
        top = max((float(gain.max()) for _, _, gain in found), default=-np.inf)
        if not np.isfinite(top):
            return None
        for j, xs, gain in found:  # gains within 1e-9 of the best are ties: lowest feature,
            tied = np.flatnonzero(gain >= top - 1e-9)  # then lowest threshold
            if tied.size:
                i = int(tied[0])
                return (j, xs[i] + (xs[i + 1] - xs[i]) / 2, gain[i])
        return None

    def _grow(self, X, y, depth):
        counts = np.bincount(y, minlength=len(self.classes_)).astype(float)
        node = {
            "value": counts / counts.sum(),
            "depth": depth,
            "risk": counts.sum() / self._n * self._impurity(counts),
        }
        if (self.max_depth is not None and depth >= self.max_depth) or len(
            y
        ) < self.min_samples_split:
            return node
        if np.count_nonzero(counts) == 1:
            return node
        split = self._split(X, y)
        if split is None or split[2] <= 1e-12:
            return node
        j, t, _ = split
        mask = X[:, j] <= t
        node["feature"], node["threshold"] = j, t
        node["left"] = self._grow(X[mask], y[mask], depth + 1)
        node["right"] = self._grow(X[~mask], y[~mask], depth + 1)
        return node

    def _fit_full(self, X, y):
        self.classes_, codes = np.unique(y, return_inverse=True)
        self._n = len(codes)
        self.root = self._grow(np.asarray(X, dtype=float), codes.ravel(), 0)

    @staticmethod
    def _branch(node):
        """(R(T_t), number of leaves) of the current subtree."""
        if "left" not in node:
            return node["risk"], 1
        a, b = (
            DecisionTreeClassifier._branch(node["left"]),
            DecisionTreeClassifier._branch(node["right"]),
        )
        return a[0] + b[0], a[1] + b[1]

    def _internal(self, node, found):
        if "left" in node:
            found.append(node)
            self._internal(node["left"], found)
            self._internal(node["right"], found)
        return found

    def _prune(self, limit):
        alphas, impurities = [0.0], [self._branch(self.root)[0]]
        while "left" in self.root:
            nodes = self._internal(self.root, [])
            g = []
            for node in nodes:
                risk, leaves = self._branch(node)
                g.append((node["risk"] - risk) / (leaves - 1))
            alpha = min(g)
            if alpha > limit:
                break
            for node, value in zip(nodes, g):
                if value <= alpha + 1e-12:
                    node.pop("left", None)
                    node.pop("right", None)
            alphas.append(alpha)
            impurities.append(self._branch(self.root)[0])
        return np.array(alphas), np.array(impurities)

    def cost_complexity_pruning_path(self, X, y):
        self._fit_full(X, y)
        return self._prune(np.inf)

    def _measure(self, node):
        if "left" not in node:
            return node["depth"], 1
        a, b = self._measure(node["left"]), self._measure(node["right"])
        return max(a[0], b[0]), a[1] + b[1]

    def fit(self, X, y):
        self._fit_full(X, y)
        self._prune(self.ccp_alpha)
        self.depth_, self.n_leaves_ = self._measure(self.root)
        return self

    def _fill(self, node, X, rows, out):
        if "left" not in node:
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
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]
