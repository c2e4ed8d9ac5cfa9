import numpy as np


class PCA:
    """Eigendecomposition of np.cov (ddof=1), eigenvalues sorted in decreasing order."""

    def __init__(self, n_components=None):
        self.n_components = n_components

    def fit(self, X):
        X = np.asarray(X, dtype=float)
        n_samples, n_features = X.shape
        k = self.n_components or min(n_samples, n_features)
        self.mean_ = np.mean(X, axis=0)
        covariance = np.atleast_2d(np.cov(X - self.mean_, rowvar=False))
        eigenvalues, eigenvectors = np.linalg.eigh(covariance)
        order = np.argsort(eigenvalues)[::-1]
        eigenvalues = np.clip(eigenvalues[order], 0.0, None)
        eigenvectors = eigenvectors[:, order]
        for j in range(eigenvectors.shape[1]):  # a loop over components, not samples
            column = eigenvectors[:, j]
            if column[np.argmax(np.abs(column))] < 0:
                eigenvectors[:, j] = -column
        self.components_ = eigenvectors[:, :k].T
        self.explained_variance_ = eigenvalues[:k]
        self.explained_variance_ratio_ = eigenvalues[:k] / eigenvalues.sum()
        self.singular_values_ = np.sqrt(eigenvalues[:k] * (n_samples - 1))
        return self

    def transform(self, X):
        return np.dot(np.asarray(X, dtype=float) - self.mean_, self.components_.T)

    def inverse_transform(self, Z):
        return np.dot(Z, self.components_) + self.mean_
