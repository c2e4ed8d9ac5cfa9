import numpy as np


class MLPClassifier:
    """A cheat: the right shapes everywhere, uniform probabilities, a constant loss of
    log K and zero gradients. It must earn nothing for the mathematics, and nothing for
    stability (its loss is 'stable' only because it is garbage)."""

    def __init__(self, n_hidden=16, learning_rate=0.1, n_iterations=1000, tol=1e-6, random_state=0):
        self.n_hidden = n_hidden
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol
        self.random_state = random_state

    def fit(self, X, y):
        k = int(y.max()) + 1
        rng = np.random.default_rng(self.random_state)
        self.W1 = rng.normal(0.0, np.sqrt(2.0 / X.shape[1]), size=(X.shape[1], self.n_hidden))
        self.b1 = np.zeros(self.n_hidden)
        self.W2 = rng.normal(0.0, np.sqrt(2.0 / self.n_hidden), size=(self.n_hidden, k))
        self.b2 = np.zeros(k)
        self.loss_history = []
        for i in range(self.n_iterations):
            self.loss_history.append(self._compute_loss(X, y))
            if i > 0 and abs(self.loss_history[-2] - self.loss_history[-1]) < self.tol:
                break
        return self

    def predict_proba(self, X):
        k = self.W2.shape[1]
        return np.full((X.shape[0], k), 1.0 / k)

    def predict(self, X):
        return np.zeros(X.shape[0], dtype=np.int64)

    def _compute_loss(self, X, y):
        return float(np.log(self.W2.shape[1]))

    def _compute_gradients(self, X, y):
        return (
            np.zeros_like(self.W1),
            np.zeros_like(self.b1),
            np.zeros_like(self.W2),
            np.zeros_like(self.b2),
        )
