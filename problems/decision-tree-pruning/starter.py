import numpy as np


class DecisionTreeClassifier:
    """A CART classification tree, grown fully, then pruned by minimal cost-complexity."""

    def __init__(self, criterion="gini", max_depth=None, min_samples_split=2, ccp_alpha=0.0):
        """Store the hyperparameters as attributes with these exact names."""
        raise NotImplementedError

    def cost_complexity_pruning_path(self, X, y):
        """Grow the tree on X (n, d), y (n,) and return (ccp_alphas, impurities): two 1-D
        float arrays, the effective alphas of the weakest-link steps (starting with 0.0 for
        the unpruned tree) and the total leaf impurity of the tree after each step."""
        raise NotImplementedError

    def fit(self, X, y):
        """Grow the tree, then prune every weakest link whose effective alpha is <= ccp_alpha.
        Sets classes_, depth_ and n_leaves_ (of the pruned tree). Returns self."""
        raise NotImplementedError

    def predict_proba(self, X):
        """Class proportions of the (pruned) leaf each row of X reaches: (m, n_classes)."""
        raise NotImplementedError

    def predict(self, X):
        """The most frequent class of each row's leaf (ties: the lowest class): (m,) ints."""
        raise NotImplementedError
