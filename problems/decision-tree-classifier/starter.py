import numpy as np


class DecisionTreeClassifier:
    """A CART classification tree: binary splits x[feature] <= threshold, grown greedily."""

    def __init__(self, criterion="gini", max_depth=None, min_samples_split=2):
        """Store the hyperparameters as attributes with these exact names.

        criterion: "gini" or "entropy"; max_depth: None (unlimited) or an int >= 1 (the
        root has depth 0); min_samples_split: a node with fewer samples is a leaf.
        """
        raise NotImplementedError

    def _impurity(self, y):
        """Impurity (float) of the integer labels y (any values) under self.criterion:
        gini 1 - sum p_c^2, entropy -sum p_c log2 p_c, p_c the proportion of class c."""
        raise NotImplementedError

    def _best_split(self, X, y):
        """The best split of X (n, d) with integer labels y (n,), as (feature, threshold,
        gain), or None when every feature is constant. Candidate thresholds are midpoints
        between consecutive distinct sorted values; gain = impurity(y) minus the impurity
        of the children weighted by their sizes. Ties: lowest feature, then lowest threshold."""
        raise NotImplementedError

    def fit(self, X, y):
        """Grow the tree on X (n, d) float64 and integer labels y (n,). Sets classes_ (the
        sorted distinct labels), depth_ (int) and n_leaves_ (int). Returns self."""
        raise NotImplementedError

    def predict_proba(self, X):
        """Class proportions of the leaf each row of X reaches: (m, len(classes_)) floats."""
        raise NotImplementedError

    def predict(self, X):
        """The most frequent class of each row's leaf (ties: the lowest class): (m,) ints."""
        raise NotImplementedError
