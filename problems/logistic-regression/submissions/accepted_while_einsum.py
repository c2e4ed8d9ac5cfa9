import numpy as np

EPS = 1e-12


def logistic(z):
    z = np.clip(z, -500.0, 500.0)
    return 1.0 / (1.0 + np.exp(-z))


class LogisticRegression:
    def __init__(self, learning_rate=0.1, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol
        self.weights = None
        self.bias = None
        self.loss_history = []

    def _forward(self, X):
        return logistic(np.einsum("ij,j->i", X, self.weights) + self.bias)

    def _compute_loss(self, probs, y):
        y = y.astype(np.float64)
        probs = np.clip(probs, EPS, 1.0 - EPS)
        total = np.einsum("i,i->", y, np.log(probs)) + np.einsum(
            "i,i->", 1.0 - y, np.log(1.0 - probs)
        )
        return -total / y.shape[0]

    def _compute_gradients(self, X, y, probs):
        diff = probs - y
        dw = np.einsum("ij,i->j", X, diff) / X.shape[0]
        db = np.float64(diff.sum() / X.shape[0])
        return dw, db

    def fit(self, X, y):
        self.weights = np.zeros(X.shape[1], dtype=np.float64)
        self.bias = np.float64(0.0)
        self.loss_history = []
        step = 0
        while step < self.n_iterations:
            probs = self._forward(X)
            self.loss_history.append(float(self._compute_loss(probs, y)))
            grad_w, grad_b = self._compute_gradients(X, y, probs)
            self.weights = self.weights - self.learning_rate * grad_w
            self.bias = self.bias - self.learning_rate * grad_b
            step += 1
            if step > 1 and abs(self.loss_history[-2] - self.loss_history[-1]) <= self.tol:
                break
        return self

    def predict_proba(self, X):
        return self._forward(X)

    def predict(self, X):
        return (self._forward(X) >= 0.5).astype(np.int32)
