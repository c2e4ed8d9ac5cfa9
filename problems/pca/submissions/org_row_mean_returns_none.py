import numpy as np


class PCA:
    """Right maths, but mean_ is a (1, d) row and fit returns None."""

    def __init__(self, n_components=None):
        self.n_components = n_components

    def fit(self, X):
        X = np.asarray(X, dtype=np.float64)
        n, d = X.shape
        k = min(n, d) if self.n_components is None else self.n_components
        self.mean_ = X.mean(axis=0, keepdims=True)
        centred = X - self.mean_
        # thin SVD: centred = U diag(S) Vt; the rows of Vt are the principal axes
        _, singular_values, Vt = np.linalg.svd(centred, full_matrices=False)
        # the sign convention: each component's entry of largest magnitude is positive
        largest = np.abs(Vt).argmax(axis=1)
        Vt = Vt * np.sign(Vt[np.arange(len(Vt)), largest])[:, None]
        variances = singular_values**2 / (n - 1)
        self.n_components_ = k
        self.components_ = Vt[:k]
        self.singular_values_ = singular_values[:k]
        self.explained_variance_ = variances[:k]
        total = variances.sum()
        self.explained_variance_ratio_ = variances[:k] / total if total > 0 else np.zeros(k)

    def transform(self, X):
        return (np.asarray(X, dtype=np.float64) - self.mean_) @ self.components_.T

    def inverse_transform(self, Z):
        return np.asarray(Z, dtype=np.float64) @ self.components_ + self.mean_
