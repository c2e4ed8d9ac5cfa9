"""Slow: the split search loops over every threshold of every feature (O(n^2) per node)."""

import numpy as np

TIE = 1e-9  # gains this close count as equal: the lowest feature, then threshold, wins
MIN_GAIN = 1e-12  # a split must lower the impurity by more than this


def _impurities(counts, criterion):
    """Impurity of each row of class counts (any leading shape; empty rows give 0)."""
    totals = counts.sum(axis=-1, keepdims=True)
    p = counts / np.maximum(totals, 1)
    if criterion == "gini":
        return 1.0 - (p * p).sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * np.log2(p), 0.0)
    return -terms.sum(axis=-1)


class DecisionTreeClassifier:
    def __init__(self, criterion="gini", max_depth=None, min_samples_split=2):
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split

    def _impurity(self, y):
        _, counts = np.unique(np.asarray(y).ravel(), return_counts=True)
        return float(_impurities(counts.astype(np.float64), self.criterion))

    def _best_split(self, X, y):
        X = np.asarray(X, dtype=np.float64)
        _, codes = np.unique(np.asarray(y).ravel(), return_inverse=True)
        k = int(codes.max()) + 1
        total = np.bincount(codes, minlength=k).astype(np.float64)
        parent = float(_impurities(total, self.criterion))
        best = None
        for feature in range(X.shape[1]):
            values = np.unique(X[:, feature])
            for a, b in zip(values[:-1], values[1:]):  # one Python step per threshold
                threshold = a / 2 + b / 2
                left = np.bincount(codes[X[:, feature] <= threshold], minlength=k)
                counts = np.stack([left, total - left]).astype(np.float64)
                sizes = counts.sum(axis=1)
                children = sizes @ _impurities(counts, self.criterion)
                gain = parent - children / len(codes)
                if best is None or gain > best[2] + TIE:
                    best = (feature, float(threshold), float(gain))
        return best

    def fit(self, X, y):
        X = np.asarray(X, dtype=np.float64)
        self.classes_, codes = np.unique(np.asarray(y).ravel(), return_inverse=True)
        k = len(self.classes_)
        self._feature, self._threshold, self._left, self._right, self._value = [], [], [], [], []
        self.depth_ = 0
        stack = [(np.arange(len(codes)), 0, None, False)]
        while stack:
            rows, depth, parent, is_right = stack.pop()
            node = len(self._feature)
            if parent is not None:
                (self._right if is_right else self._left)[parent] = node
            self.depth_ = max(self.depth_, depth)
            counts = np.bincount(codes[rows], minlength=k).astype(np.float64)
            self._value.append(counts / counts.sum())
            self._feature.append(-1)
            self._threshold.append(0.0)
            self._left.append(-1)
            self._right.append(-1)
            if (
                (self.max_depth is not None and depth >= self.max_depth)
                or len(rows) < self.min_samples_split
                or np.count_nonzero(counts) == 1
            ):
                continue
            split = self._best_split(X[rows], codes[rows])
            if split is None or split[2] <= MIN_GAIN:
                continue
            feature, threshold, _ = split
            self._feature[node], self._threshold[node] = feature, threshold
            goes_left = X[rows, feature] <= threshold
            stack.append((rows[~goes_left], depth + 1, node, True))
            stack.append((rows[goes_left], depth + 1, node, False))
        self._feature = np.array(self._feature)
        self._threshold = np.array(self._threshold)
        self._left, self._right = np.array(self._left), np.array(self._right)
        self._value = np.array(self._value)
        self.n_leaves_ = int(np.count_nonzero(self._feature < 0))
        return self

    def _leaves(self, X):
        """The leaf every row of X reaches: the rows still at an internal node move down one
        level at a time (a loop over levels, never over rows)."""
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
