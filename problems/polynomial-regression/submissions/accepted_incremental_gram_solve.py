import numpy as np


class PolynomialRegression:
    """Expansion built degree by degree from the previous degree's terms (each term times a
    feature of index >= its last one), sample standard deviation (ddof=1), and the centred
    normal equations solved with np.linalg.solve."""

    def __init__(self, degree=2):
        self.degree = degree

    def _expand(self, X):
        n, d = X.shape
        blocks = []
        previous = [((j,), X[:, j]) for j in range(d)]
        blocks.extend(col for _, col in previous)
        for _ in range(2, self.degree + 1):
            current = []
            for indices, column in previous:
                for j in range(indices[-1], d):
                    current.append((indices + (j,), column * X[:, j]))
            blocks.extend(col for _, col in current)
            previous = current
        return np.column_stack(blocks)

    def fit(self, X, y):
        self.mean_ = X.mean(axis=0)
        self.scale_ = X.std(axis=0, ddof=1)
        self.scale_[self.scale_ == 0] = 1.0
        F = self._expand((X - self.mean_) / self.scale_)
        F_mean, y_mean = F.mean(axis=0), y.mean()
        Fc = F - F_mean
        self.weights = np.linalg.solve(Fc.T @ Fc, Fc.T @ (y - y_mean))
        self.bias = float(y_mean - F_mean @ self.weights)
        return self

    def predict(self, X):
        return self._expand((X - self.mean_) / self.scale_) @ self.weights + self.bias
