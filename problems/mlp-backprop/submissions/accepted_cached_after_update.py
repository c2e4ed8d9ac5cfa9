import numpy as np


class MLPClassifier:
    """Helpers with other names, np.where for the ReLU and its mask, probabilities by
    exp / sum after a max shift, the loss recorded after each update (stop tested there)."""

    def __init__(self, n_hidden=16, learning_rate=0.1, n_iterations=1000, tol=1e-6, random_state=0):
        self.n_hidden, self.learning_rate = n_hidden, learning_rate
        self.n_iterations, self.tol, self.random_state = n_iterations, tol, random_state

    def fit(self, X, y):
        n_features, n_classes = X.shape[1], int(y.max() + 1)
        generator = np.random.default_rng(self.random_state)
        self.W1 = generator.normal(0, (2 / n_features) ** 0.5, (n_features, self.n_hidden))
        self.b1 = np.zeros(self.n_hidden)
        self.W2 = generator.normal(0, (2 / self.n_hidden) ** 0.5, (self.n_hidden, n_classes))
        self.b2 = np.zeros(n_classes)
        self.loss_history = []
        last = self._compute_loss(X, y)
        for _ in range(self.n_iterations):
            gW1, gb1, gW2, gb2 = self._compute_gradients(X, y)
            self.W1 -= self.learning_rate * gW1
            self.b1 -= self.learning_rate * gb1
            self.W2 -= self.learning_rate * gW2
            self.b2 -= self.learning_rate * gb2
            now = self._compute_loss(X, y)
            self.loss_history.append(now)
            if abs(last - now) < self.tol:
                break
            last = now
        return self

    def _hidden(self, X):
        pre = X.dot(self.W1) + self.b1
        return pre, np.where(pre > 0, pre, 0.0)

    def _softmax(self, logits):
        e = np.exp(logits - np.max(logits, axis=-1, keepdims=True))
        return e / np.sum(e, axis=-1, keepdims=True)

    def predict_proba(self, X):
        return self._softmax(self._hidden(X)[1].dot(self.W2) + self.b2)

    def predict(self, X):
        return self.predict_proba(X).argmax(axis=-1)

    def _compute_loss(self, X, y):
        logits = self._hidden(X)[1].dot(self.W2) + self.b2
        m = logits.max(axis=1)
        lse = m + np.log(np.exp(logits - m[:, None]).sum(axis=1))
        return float(np.mean(lse - logits[np.arange(len(y)), y]))

    def _compute_gradients(self, X, y):
        pre, hidden = self._hidden(X)
        g = self._softmax(hidden.dot(self.W2) + self.b2)
        g[np.arange(len(y)), y] -= 1
        g /= len(y)
        g_hidden = np.where(pre > 0, g.dot(self.W2.T), 0.0)
        return X.T.dot(g_hidden), g_hidden.sum(axis=0), hidden.T.dot(g), g.sum(axis=0)
