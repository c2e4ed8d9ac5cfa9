import numpy as np


class LassoRegression:
    """The loss of the zero model first, then one entry per sweep (max_iter + 1 entries)."""

    def __init__(self, alpha=1.0, max_iter=1000, tol=1e-4):
        self.alpha = alpha
        self.max_iter = max_iter
        self.tol = tol

    def _soft_threshold(self, rho, threshold):
        return np.sign(rho) * np.maximum(np.abs(rho) - threshold, 0.0)

    def _compute_loss(self, predictions, y, weights):
        r = predictions - y
        return float(0.5 * np.mean(r * r) + self.alpha * np.abs(weights).sum())

    def fit(self, X, y):
        n, d = X.shape
        x_mean, y_mean = X.mean(axis=0), y.mean()
        Xc, yc = X - x_mean, y - y_mean
        z = (Xc**2).sum(axis=0) / n
        w = np.zeros(d)
        r = yc.copy()
        self.loss_history = [self._compute_loss(np.zeros(n), yc, w)]
        for _ in range(self.max_iter):
            largest = 0.0
            for j in range(d):
                if z[j] == 0:
                    continue
                rho = Xc[:, j] @ r / n + z[j] * w[j]
                new = self._soft_threshold(rho, self.alpha) / z[j]
                r -= (new - w[j]) * Xc[:, j]
                largest = max(largest, abs(new - w[j]))
                w[j] = new
            self.loss_history.append(self._compute_loss(yc - r, yc, w))
            if largest < self.tol:
                break
        self.weights, self.bias = w, float(y_mean - x_mean @ w)
        return self

    def predict(self, X):
        return X @ self.weights + self.bias
