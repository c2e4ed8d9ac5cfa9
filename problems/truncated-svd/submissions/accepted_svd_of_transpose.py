import numpy as np


class TruncatedSVD:
    """The SVD of X^T (left singular vectors), signs fixed in a loop over components,
    variances as mean squares about the mean, einsum products."""

    def __init__(self, n_components=2):
        self.n_components = n_components

    def fit(self, X):
        X = np.asarray(X, dtype=float)
        U, S, _ = np.linalg.svd(X.T, full_matrices=False)
        axes = U.T[: self.n_components].copy()
        for i, axis in enumerate(axes):  # over components, not samples
            if axis[np.argmax(np.abs(axis))] < 0:
                axes[i] = -axis
        self.components_ = axes
        self.singular_values_ = S[: self.n_components]
        Z = self.transform(X)
        self.explained_variance_ = ((Z - Z.mean(axis=0)) ** 2).mean(axis=0)
        column_variances = ((X - X.mean(axis=0)) ** 2).mean(axis=0)
        self.explained_variance_ratio_ = self.explained_variance_ / column_variances.sum()
        return self

    def transform(self, X):
        return np.einsum("ij,kj->ik", np.asarray(X, dtype=float), self.components_)

    def inverse_transform(self, Z):
        return np.einsum("ik,kj->ij", np.asarray(Z, dtype=float), self.components_)
