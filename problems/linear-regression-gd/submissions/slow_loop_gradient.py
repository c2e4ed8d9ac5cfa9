import numpy as np


class LinearRegression:
    """Correct, but _compute_gradients loops over the samples in Python."""

    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol

    def fit(self, X, y):
        self.weights = np.zeros(X.shape[1])
        self.bias = 0.0
        self.loss_history = []
        for i in range(self.n_iterations):
            predictions = X @ self.weights + self.bias
            self.loss_history.append(self._compute_loss(predictions, y))
            if i > 0 and abs(self.loss_history[-2] - self.loss_history[-1]) < self.tol:
                break
            dw, db = self._compute_gradients(X, y, predictions)
            self.weights = self.weights - self.learning_rate * dw
            self.bias = float(self.bias - self.learning_rate * db)
        return self

    def predict(self, X):
        return X @ self.weights + self.bias

    def _compute_loss(self, predictions, y):
        residuals = predictions - y
        return float(0.5 * np.mean(residuals * residuals))

    def _compute_gradients(self, X, y, predictions):
        n_samples, n_features = X.shape
        dw = np.zeros(n_features)
        db = 0.0
        for i in range(n_samples):
            error = predictions[i] - y[i]
            dw += error * X[i]
            db += error
        return dw / n_samples, float(db / n_samples)
