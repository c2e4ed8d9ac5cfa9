"""Wrong: the path leaves out its first entry, the unpruned tree (alpha 0, its impurity)."""

import numpy as np

TIE = 1e-9  # split gains this close count as equal (lowest feature, then threshold)
MIN_GAIN = 1e-12  # a split must lower the impurity by more than this
SAME_ALPHA = 1e-12  # effective alphas this close are pruned in the same step


def _impurities(counts, criterion):
    """Impurity of each row of class counts (any leading shape; empty rows give 0)."""
    p = counts / np.maximum(counts.sum(axis=-1, keepdims=True), 1)
    if criterion == "gini":
        return 1.0 - (p * p).sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return -np.where(p > 0, p * np.log2(p), 0.0).sum(axis=-1)


class DecisionTreeClassifier:
    def __init__(self, criterion="gini", max_depth=None, min_samples_split=2, ccp_alpha=0.0):
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.ccp_alpha = ccp_alpha

    # --- growing (as in decision-tree-classifier) --------------------------------------

    def _best_split(self, X, codes, k):
        n = len(codes)
        order = np.argsort(X, axis=0, kind="stable")
        values = np.take_along_axis(X, order, axis=0)
        one_hot = (codes[order][:, :, None] == np.arange(k)).astype(np.float64)
        left = np.cumsum(one_hot, axis=0)[:-1]
        right = left[-1:] + one_hot[-1:] - left
        sizes = np.arange(1, n, dtype=np.float64)[:, None]
        children = sizes * _impurities(left, self.criterion)
        children += (n - sizes) * _impurities(right, self.criterion)
        gains = _impurities(left[-1] + one_hot[-1], self.criterion)[0] - children / n
        valid = values[:-1] < values[1:]
        if not valid.any():
            return None
        gains = np.where(valid, gains, -np.inf)
        tied = gains >= gains.max() - TIE
        feature = int(np.flatnonzero(tied.any(axis=0))[0])
        i = int(np.flatnonzero(tied[:, feature])[0])
        if gains[i, feature] <= MIN_GAIN:
            return None
        return feature, values[i, feature] / 2 + values[i + 1, feature] / 2

    def _grow(self, X, y):
        """The full tree as flat arrays, nodes in depth-first preorder (left first): the
        subtree of node t is the contiguous range t .. t + size[t] - 1."""
        self.classes_, codes = np.unique(np.asarray(y).ravel(), return_inverse=True)
        k = len(self.classes_)
        feature, threshold, counts, depth, parent = [], [], [], [], []
        stack = [(np.arange(len(codes)), 0, -1)]
        while stack:
            rows, level, up = stack.pop()
            node_counts = np.bincount(codes[rows], minlength=k).astype(np.float64)
            feature.append(-1)
            threshold.append(0.0)
            counts.append(node_counts)
            depth.append(level)
            parent.append(up)
            if (
                (self.max_depth is not None and level >= self.max_depth)
                or len(rows) < self.min_samples_split
                or np.count_nonzero(node_counts) == 1
            ):
                continue
            split = self._best_split(X[rows], codes[rows], k)
            if split is None:
                continue
            node = len(feature) - 1
            feature[node], threshold[node] = split
            goes_left = X[rows, split[0]] <= split[1]
            stack.append((rows[~goes_left], level + 1, node))
            stack.append((rows[goes_left], level + 1, node))
        self._feature, self._threshold = np.array(feature), np.array(threshold)
        self._counts, self._depth, self._parent = (
            np.array(counts),
            np.array(depth),
            np.array(parent),
        )
        is_left = np.zeros(len(feature), dtype=bool)
        self._left = np.full(len(feature), -1)
        self._right = np.full(len(feature), -1)
        for node in range(1, len(feature)):  # preorder: the left child comes first
            up = self._parent[node]
            if self._left[up] < 0:
                self._left[up], is_left[node] = node, True
            else:
                self._right[up] = node
        self._size = np.ones(len(feature), dtype=np.int64)
        for node in range(len(feature) - 1, 0, -1):
            self._size[self._parent[node]] += self._size[node]

    # --- pruning -----------------------------------------------------------------------

    def _weakest_links(self, ccp_alpha):
        """Prune weakest links while the smallest effective alpha is <= ccp_alpha. Returns
        the path (alphas, total leaf impurities) and the internal nodes left."""
        sizes = self._counts.sum(axis=1)
        risk = sizes / sizes[0] * _impurities(self._counts, self.criterion)  # R(t) as a leaf
        internal = self._feature >= 0
        leaves = np.where(internal, 0, 1).astype(np.float64)
        branch = np.where(internal, 0.0, risk)
        for node in range(len(risk) - 1, 0, -1):  # children after parents: sum upwards
            leaves[self._parent[node]] += leaves[node]
            branch[self._parent[node]] += branch[node]
        alphas, impurities = [], []
        while internal[0]:
            with np.errstate(divide="ignore", invalid="ignore"):
                effective = np.where(internal, (risk - branch) / (leaves - 1), np.inf)
            alpha = effective.min()
            if alpha > ccp_alpha:
                break
            for node in np.flatnonzero(effective <= alpha + SAME_ALPHA):
                if not internal[node]:
                    continue  # inside a subtree pruned in this step
                gained, lost = risk[node] - branch[node], leaves[node] - 1
                ancestor = node
                while ancestor >= 0:
                    branch[ancestor] += gained
                    leaves[ancestor] -= lost
                    ancestor = self._parent[ancestor]
                internal[node : node + self._size[node]] = False
            alphas.append(float(alpha))
            impurities.append(float(branch[0]))
        return np.array(alphas, dtype=np.float64), np.array(impurities, dtype=np.float64), internal

    def cost_complexity_pruning_path(self, X, y):
        self._grow(np.asarray(X, dtype=np.float64), y)
        alphas, impurities, _ = self._weakest_links(np.inf)
        return alphas, impurities

    def fit(self, X, y):
        self._grow(np.asarray(X, dtype=np.float64), y)
        _, _, internal = self._weakest_links(self.ccp_alpha)
        self._feature = np.where(internal, self._feature, -1)
        kept = np.zeros(len(internal), dtype=bool)  # the nodes of the pruned tree
        kept[0] = True
        for node in range(1, len(internal)):
            kept[node] = kept[self._parent[node]] and internal[self._parent[node]]
        self.n_leaves_ = int(np.count_nonzero(kept & ~internal))
        self.depth_ = int(self._depth[kept].max())
        self._value = self._counts / self._counts.sum(axis=1, keepdims=True)
        return self

    def _leaves(self, X):
        X = np.asarray(X, dtype=np.float64)
        node = np.zeros(len(X), dtype=np.int64)
        active = np.flatnonzero(np.full(len(X), self._feature[0] >= 0))
        while active.size:
            current = node[active]
            left = X[active, self._feature[current]] <= self._threshold[current]
            node[active] = np.where(left, self._left[current], self._right[current])
            active = active[self._feature[node[active]] >= 0]
        return node

    def predict_proba(self, X):
        return self._value[self._leaves(X)]

    def predict(self, X):
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]
