import numpy as np


class GradientChecker:
    """A numerical gradient checker: central differences and the relative error."""

    def __init__(self, epsilon=1e-5, tolerance=1e-6):
        """Store the step and the pass threshold as attributes of the same names."""
        raise NotImplementedError

    def numerical_gradient(self, loss, theta):
        """Central differences of loss.value at theta, one coordinate at a time:
        (f(theta + eps e_i) - f(theta - eps e_i)) / (2 eps). theta: float array of any
        shape (integers allowed); returns a float64 array of theta's shape."""
        raise NotImplementedError

    def relative_error(self, analytic, numerical):
        """||a - n|| / max(||a|| + ||n||, 1e-8) over all entries (2-norms), a float."""
        raise NotImplementedError

    def check(self, loss, theta, analytic):
        """(error, passed): the relative error between analytic and the numerical gradient
        of loss at theta, and whether it is below self.tolerance."""
        raise NotImplementedError


# The loss functions the judge checks gradients of. Keep them as they are: the judge builds
# them in your process and calls your checker with them.


class QuadraticLoss:
    """f(theta) = 1/2 theta^T A theta + b^T theta, theta of shape (d,)."""

    def __init__(self, A, b):
        self.A = np.asarray(A, dtype=np.float64)
        self.b = np.asarray(b, dtype=np.float64)

    def value(self, theta):
        theta = np.asarray(theta, dtype=np.float64)
        return float(0.5 * theta @ self.A @ theta + self.b @ theta)


class SoftmaxLoss:
    """Mean softmax cross-entropy of a linear classifier, theta of shape (d, K)."""

    def __init__(self, X, y):
        self.X = np.asarray(X, dtype=np.float64)
        self.y = np.asarray(y, dtype=np.int64)

    def value(self, theta):
        logits = self.X @ np.asarray(theta, dtype=np.float64)
        logits = logits - logits.max(axis=1, keepdims=True)
        log_probs = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        return float(-log_probs[np.arange(len(self.y)), self.y].mean())
