"""Reference solution: least squares by the normal equations, solved (never inverted) in the
eigenbasis of the centred Gram matrix, with the minimum-norm solution when X is rank-deficient."""

import numpy as np

# Eigenvalues of Xc.T @ Xc below this fraction of the largest count as zero (singular values
# of Xc below 1e-6 of the largest): far above the rounding noise of an exactly singular Gram
# matrix (~1e-15), far below the spread of a well-posed design.
EIGENVALUE_CUTOFF = 1e-12


class NormalEquationRegression:
    def __init__(self, fit_intercept=True):
        self.fit_intercept = fit_intercept
        self.weights = None
        self.bias = 0.0

    def fit(self, X, y):
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64).ravel()
        if self.fit_intercept:
            x_mean, y_mean = X.mean(axis=0), float(y.mean())
        else:
            x_mean, y_mean = np.zeros(X.shape[1]), 0.0
        centred = X - x_mean
        gram = centred.T @ centred
        moment = centred.T @ (y - y_mean)
        eigenvalues, eigenvectors = np.linalg.eigh(gram)
        largest = eigenvalues.max(initial=0.0)
        kept = eigenvalues > EIGENVALUE_CUTOFF * largest if largest > 0 else eigenvalues > 0
        basis = eigenvectors[:, kept]
        # Solve the normal equations on the range of the Gram matrix; the null space gets
        # nothing, which is what makes the solution the one of minimum norm.
        self.weights = basis @ ((basis.T @ moment) / eigenvalues[kept])
        self.bias = float(y_mean - x_mean @ self.weights)
        return self

    def predict(self, X):
        return np.asarray(X, dtype=np.float64) @ self.weights + self.bias
