"""Reference solution: the lasso (L1-penalised least squares) by cyclic coordinate descent
with soft-thresholding, stopped when no coefficient moves by tol in a sweep."""

import numpy as np


class LassoRegression:
    def __init__(self, alpha=1.0, max_iter=1000, tol=1e-4):
        self.alpha = alpha
        self.max_iter = max_iter
        self.tol = tol
        self.weights = None
        self.bias = 0.0
        self.loss_history = []

    def fit(self, X, y):
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64).ravel()
        n_samples, n_features = X.shape
        # Centring takes the (unpenalised) intercept out of the problem.
        x_mean, y_mean = X.mean(axis=0), float(y.mean())
        centred, targets = X - x_mean, y - y_mean
        curvature = np.einsum("ij,ij->j", centred, centred) / n_samples
        weights = np.zeros(n_features)
        residuals = targets.copy()  # targets - centred @ weights, kept up to date
        self.loss_history = []
        for _ in range(self.max_iter):
            largest_change = 0.0
            for j in range(n_features):
                if curvature[j] == 0.0:  # a constant feature explains nothing: weight 0
                    continue
                column = centred[:, j]
                rho = column @ residuals / n_samples + curvature[j] * weights[j]
                updated = self._soft_threshold(rho, self.alpha) / curvature[j]
                change = updated - weights[j]
                if change != 0.0:
                    residuals -= change * column
                    weights[j] = updated
                largest_change = max(largest_change, abs(change))
            self.loss_history.append(self._compute_loss(targets - residuals, targets, weights))
            if largest_change < self.tol:
                break
        self.weights = weights
        self.bias = float(y_mean - x_mean @ weights)
        return self

    def predict(self, X):
        return np.asarray(X, dtype=np.float64) @ self.weights + self.bias

    def _soft_threshold(self, rho, threshold):
        rho = np.asarray(rho, dtype=np.float64)
        return np.sign(rho) * np.maximum(np.abs(rho) - threshold, 0.0)

    def _compute_loss(self, predictions, y, weights):
        residuals = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        penalty = self.alpha * np.abs(np.asarray(weights, dtype=np.float64)).sum()
        return float(0.5 * np.mean(residuals * residuals) + penalty)
