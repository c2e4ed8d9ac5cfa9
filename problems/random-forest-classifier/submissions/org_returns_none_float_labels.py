"""Organisation: fit returns None and predict returns float labels."""

import numpy as np

TIE = 1e-9  # split gains this close count as equal (lowest feature, then threshold)
MIN_GAIN = 1e-12


def _impurities(counts, criterion):
    p = counts / np.maximum(counts.sum(axis=-1, keepdims=True), 1)
    if criterion == "gini":
        return 1.0 - (p * p).sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return -np.where(p > 0, p * np.log2(p), 0.0).sum(axis=-1)


class _Tree:
    """One CART tree in flat arrays; `features(rng)` draws the candidates of each split."""

    def __init__(self, criterion, max_depth, min_samples_split):
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split

    def _best_split(self, X, codes, k, candidates):
        n = len(codes)
        columns = X[:, candidates]
        order = np.argsort(columns, axis=0, kind="stable")
        values = np.take_along_axis(columns, order, axis=0)
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
        # among equal gains the lowest feature index wins, whatever order it was drawn in
        column = min(np.flatnonzero(tied.any(axis=0)), key=lambda c: candidates[c])
        i = int(np.flatnonzero(tied[:, column])[0])
        if gains[i, column] <= MIN_GAIN:
            return None
        return int(candidates[column]), values[i, column] / 2 + values[i + 1, column] / 2

    def fit(self, X, codes, k, draw_features):
        feature, threshold, left, right, value = [], [], [], [], []
        stack = [(np.arange(len(codes)), 0, -1, False)]
        while stack:
            rows, depth, parent, is_right = stack.pop()
            node = len(feature)
            if parent >= 0:
                (right if is_right else left)[parent] = node
            counts = np.bincount(codes[rows], minlength=k).astype(np.float64)
            value.append(counts / counts.sum())
            feature.append(-1)
            threshold.append(0.0)
            left.append(-1)
            right.append(-1)
            if (
                (self.max_depth is not None and depth >= self.max_depth)
                or len(rows) < self.min_samples_split
                or np.count_nonzero(counts) == 1
            ):
                continue
            split = self._best_split(X[rows], codes[rows], k, draw_features())
            if split is None:
                continue
            feature[node], threshold[node] = split
            goes_left = X[rows, split[0]] <= split[1]
            stack.append((rows[~goes_left], depth + 1, node, True))
            stack.append((rows[goes_left], depth + 1, node, False))
        self.feature, self.threshold = np.array(feature), np.array(threshold)
        self.left, self.right, self.value = np.array(left), np.array(right), np.array(value)
        return self

    def leaves(self, X):
        node = np.zeros(len(X), dtype=np.int64)
        active = np.flatnonzero(np.full(len(X), self.feature[0] >= 0))
        while active.size:
            current = node[active]
            go_left = X[active, self.feature[current]] <= self.threshold[current]
            node[active] = np.where(go_left, self.left[current], self.right[current])
            active = active[self.feature[node[active]] >= 0]
        return node


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

    def _n_features(self, d):
        if self.max_features is None:
            return d
        if self.max_features == "sqrt":
            return max(1, int(np.sqrt(d)))
        return int(self.max_features)

    def fit(self, X, y):
        X = np.asarray(X, dtype=np.float64)
        self.classes_, codes = np.unique(np.asarray(y).ravel(), return_inverse=True)
        n, d = X.shape
        k, m = len(self.classes_), self._n_features(d)
        rng = np.random.default_rng(self.random_state)
        self.estimators_samples_ = np.empty((self.n_estimators, n), dtype=np.int64)
        self._trees = []
        for t in range(self.n_estimators):
            rows = rng.integers(0, n, size=n) if self.bootstrap else np.arange(n)
            self.estimators_samples_[t] = rows

            def draw_features():
                return np.sort(rng.choice(d, size=m, replace=False))

            tree = _Tree("gini", self.max_depth, self.min_samples_split)
            self._trees.append(tree.fit(X[rows], codes[rows], k, draw_features))

    def _tree_predictions(self, X):
        """(n_estimators, m): the class (from classes_) each tree predicts for each row."""
        X = np.asarray(X, dtype=np.float64)
        codes = np.stack([tree.value[tree.leaves(X)].argmax(axis=1) for tree in self._trees])
        return self.classes_[codes]

    def predict_proba(self, X):
        """The fraction of the trees voting for each class: (m, n_classes)."""
        votes = np.searchsorted(self.classes_, self._tree_predictions(X))  # (trees, m)
        k = len(self.classes_)
        counts = (votes[:, :, None] == np.arange(k)).sum(axis=0)
        return counts / self.n_estimators

    def predict(self, X):
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)].astype(np.float64)
