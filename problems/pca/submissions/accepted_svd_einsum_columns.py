import numpy as np


class PCA:
    """SVD of the transposed centred data (d, n): the axes are the left singular vectors;
    the mean is kept as a (d, 1) column internally and returned flat."""

    def __init__(self, n_components=None):
        self.n_components = n_components

    def _flip(self, V):
        rows = np.arange(V.shape[0])
        return V * np.sign(V[rows, np.abs(V).argmax(axis=1)])[:, None]

    def fit(self, X):
        data = np.asarray(X, dtype=np.float64).T  # (d, n)
        d, n = data.shape
        count = min(n, d) if self.n_components is None else int(self.n_components)
        centre = data.mean(axis=1, keepdims=True)
        U, S, _ = np.linalg.svd(data - centre, full_matrices=False)
        axes = self._flip(U.T)
        variance = np.einsum("i,i->i", S, S) / (n - 1)
        self.mean_ = centre[:, 0]
        self.components_ = axes[:count]
        self.singular_values_ = S[:count]
        self.explained_variance_ = variance[:count]
        self.explained_variance_ratio_ = variance[:count] / variance.sum()
        return self

    def transform(self, X):
        return np.einsum(
            "ij,kj->ik", np.asarray(X, dtype=np.float64) - self.mean_, self.components_
        )

    def inverse_transform(self, Z):
        return (
            np.einsum("ik,kj->ij", np.asarray(Z, dtype=np.float64), self.components_) + self.mean_
        )
