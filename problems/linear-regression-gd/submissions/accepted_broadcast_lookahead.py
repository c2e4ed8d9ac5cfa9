import numpy as np


class LinearRegression:
    """Broadcasting instead of matrix products; the stop test uses the loss after the update."""

    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol

    def fit(self, X, y):
        self.weights = np.zeros(X.shape[1])
        self.bias = 0.0
        self.loss_history = []
        for _ in range(self.n_iterations):
            predictions = (X * self.weights).sum(axis=1) + self.bias
            loss = self._compute_loss(predictions, y)
            self.loss_history.append(loss)
            dw, db = self._compute_gradients(X, y, predictions)
            self.weights = self.weights - self.learning_rate * dw
            self.bias = float(self.bias - self.learning_rate * db)
            new_loss = self._compute_loss((X * self.weights).sum(axis=1) + self.bias, y)
            if abs(loss - new_loss) < self.tol:
                break
        return self

    def predict(self, X):
        return (X * self.weights).sum(axis=1) + self.bias

    def _compute_loss(self, predictions, y):
        return 0.5 * float(np.mean(np.square(predictions - y)))

    def _compute_gradients(self, X, y, predictions):
        residuals = predictions - y
        return (residuals[:, None] * X).mean(axis=0), residuals.mean()
