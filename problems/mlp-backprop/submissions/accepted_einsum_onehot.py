import numpy as np


class MLPClassifier:
    """One-hot targets, einsum everywhere, a while loop, log-sum-exp written out."""

    def __init__(self, n_hidden=16, learning_rate=0.1, n_iterations=1000, tol=1e-6, random_state=0):
        self.n_hidden = n_hidden
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol
        self.random_state = random_state

    def _logits(self, X):
        hidden = np.maximum(np.einsum("nd,dh->nh", X, self.W1) + self.b1, 0)
        return hidden, np.einsum("nh,hk->nk", hidden, self.W2) + self.b2

    def _log_softmax(self, logits):
        top = logits.max(axis=1, keepdims=True)
        return logits - top - np.log(np.exp(logits - top).sum(axis=1, keepdims=True))

    def _one_hot(self, y):
        return np.eye(self.W2.shape[1])[np.asarray(y, dtype=int)]

    def predict_proba(self, X):
        return np.exp(self._log_softmax(self._logits(X)[1]))

    def predict(self, X):
        return np.argmax(self._logits(X)[1], axis=1)

    def _compute_loss(self, X, y):
        return -np.einsum("nk,nk->", self._one_hot(y), self._log_softmax(self._logits(X)[1])) / len(
            X
        )

    def _compute_gradients(self, X, y):
        hidden, logits = self._logits(X)
        delta2 = (np.exp(self._log_softmax(logits)) - self._one_hot(y)) / len(X)
        delta1 = np.einsum("nk,hk->nh", delta2, self.W2) * (hidden > 0)
        return (
            np.einsum("nd,nh->dh", X, delta1),
            delta1.sum(0),
            np.einsum("nh,nk->hk", hidden, delta2),
            delta2.sum(0),
        )

    def fit(self, X, y):
        rng = np.random.default_rng(self.random_state)
        d = X.shape[1]
        k = int(np.max(y)) + 1
        self.W1 = rng.standard_normal((d, self.n_hidden)) * np.sqrt(2.0 / d)
        self.b1 = np.zeros(self.n_hidden)
        self.W2 = rng.standard_normal((self.n_hidden, k)) * np.sqrt(2.0 / self.n_hidden)
        self.b2 = np.zeros(k)
        self.loss_history = []
        previous = np.inf
        i = 0
        while i < self.n_iterations:
            current = self._compute_loss(X, y)
            self.loss_history.append(current)
            if abs(previous - current) < self.tol:
                break
            previous = current
            grads = self._compute_gradients(X, y)
            for name, g in zip(("W1", "b1", "W2", "b2"), grads):
                setattr(self, name, getattr(self, name) - self.learning_rate * g)
            i += 1
        return self
