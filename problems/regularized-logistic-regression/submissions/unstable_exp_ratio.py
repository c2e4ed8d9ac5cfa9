# UNSTABLE (numerical stability): sigma(z) = exp(z) / (1 + exp(z)): inf / inf = NaN for
# logits above ~710. The loss clips correctly.
import numpy as np


class RegularizedLogisticRegression:
    """Binary logistic regression with an L2 penalty on the weights (not on the bias),
    trained by batch gradient descent."""

    def __init__(self, learning_rate=0.1, n_iterations=1000, tol=1e-6, lambda_=1.0):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol
        self.lambda_ = lambda_
        self.weights = None
        self.bias = None
        self.loss_history = []

    @staticmethod
    def _sigmoid(z):
        # exp of a non-positive number only: never overflows
        return np.exp(z) / (1.0 + np.exp(z))

    def _compute_loss(self, X, y, weights, bias):
        p = np.clip(self._sigmoid(X @ weights + bias), 1e-15, 1 - 1e-15)
        cross_entropy = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
        penalty = self.lambda_ / (2.0 * X.shape[0]) * float(weights @ weights)
        return float(cross_entropy + penalty)

    def _compute_gradients(self, X, y, weights, bias):
        n = X.shape[0]
        error = self._sigmoid(X @ weights + bias) - y
        dw = X.T @ error / n + (self.lambda_ / n) * weights
        db = float(np.mean(error))  # the bias is not penalised
        return dw, db

    def fit(self, X, y):
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float)
        self.weights = np.zeros(X.shape[1])
        self.bias = 0.0
        self.loss_history = []
        for iteration in range(self.n_iterations):
            loss = self._compute_loss(X, y, self.weights, self.bias)
            self.loss_history.append(loss)
            dw, db = self._compute_gradients(X, y, self.weights, self.bias)
            self.weights = self.weights - self.learning_rate * dw
            self.bias = self.bias - self.learning_rate * db
            if iteration > 0 and abs(self.loss_history[-2] - loss) < self.tol:
                break
        return self

    def predict_proba(self, X):
        X = np.asarray(X, dtype=float)
        return self._sigmoid(X @ self.weights + self.bias)

    def predict(self, X):
        return (self.predict_proba(X) >= 0.5).astype(int)
