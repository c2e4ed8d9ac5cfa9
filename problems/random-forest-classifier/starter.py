import numpy as np


class RandomForestClassifier:
    """Bagged CART trees with a random subset of features at every split; hard voting."""

    def __init__(
        self,
        n_estimators=100,
        max_depth=None,
        min_samples_split=2,
        max_features="sqrt",
        bootstrap=True,
        random_state=None,
    ):
        """Store the hyperparameters as attributes with these exact names."""
        raise NotImplementedError

    def fit(self, X, y):
        """Grow n_estimators trees on X (n, d), integer labels y (n,). All randomness from
        np.random.default_rng(self.random_state), created here. Sets classes_ and
        estimators_samples_ ((n_estimators, n) int: the rows each tree was grown on).
        Returns self."""
        raise NotImplementedError

    def _tree_predictions(self, X):
        """(n_estimators, m): the class (from classes_) each tree predicts for each row."""
        raise NotImplementedError

    def predict_proba(self, X):
        """(m, n_classes): the share of the trees voting for each class."""
        raise NotImplementedError

    def predict(self, X):
        """(m,): the class with the most votes (ties: the lowest class)."""
        raise NotImplementedError
