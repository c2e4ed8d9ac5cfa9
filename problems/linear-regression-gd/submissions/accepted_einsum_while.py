import numpy as np


class LinearRegression:
    """einsum everywhere, a while loop, and the stopping test done after the update."""

    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol

    def fit(self, X, y):
        n_samples, n_features = X.shape
        self.weights = np.zeros(n_features, dtype=np.float64)
        self.bias = np.float64(0.0)
        self.loss_history = []
        previous = None
        iteration = 0
        while iteration < self.n_iterations:
            predictions = self.predict(X)
            loss = self._compute_loss(predictions, y)
            self.loss_history.append(loss)
            dw, db = self._compute_gradients(X, y, predictions)
            self.weights -= self.learning_rate * dw
            self.bias -= self.learning_rate * db
            iteration += 1
            if previous is not None and abs(previous - loss) < self.tol:
                break
            previous = loss
        return self

    def predict(self, X):
        return np.einsum("ij,j->i", X, self.weights) + self.bias

    def _compute_loss(self, predictions, y):
        residuals = predictions - y
        return np.einsum("i,i->", residuals, residuals) / (2.0 * residuals.shape[0])

    def _compute_gradients(self, X, y, predictions):
        residuals = predictions - y
        n_samples = X.shape[0]
        dw = np.einsum("ij,i->j", X, residuals) / n_samples
        db = np.einsum("i->", residuals) / n_samples
        return dw, db
