import numpy as np


class GradientChecker:
    """Perturbs with unit vectors e_i (theta + eps * e_i, no in-place edits), np.ndindex
    over any shape, an additive guard in the relative error, the verdict as np.bool_."""

    def __init__(self, epsilon=1e-5, tolerance=1e-6):
        self.epsilon = epsilon
        self.tolerance = tolerance

    def numerical_gradient(self, loss, theta):
        theta = np.asarray(theta, dtype=float)
        grad = np.empty(theta.shape)
        for index in np.ndindex(*theta.shape):
            e = np.zeros(theta.shape)
            e[index] = self.epsilon
            grad[index] = (loss.value(theta + e) - loss.value(theta - e)) / (2 * self.epsilon)
        return grad

    def relative_error(self, analytic, numerical):
        diff = np.sqrt(np.sum((np.asarray(analytic, float) - np.asarray(numerical, float)) ** 2))
        total = np.sqrt(np.sum(np.square(analytic))) + np.sqrt(np.sum(np.square(numerical)))
        return diff / (total + 1e-12)

    def check(self, loss, theta, analytic):
        error = self.relative_error(
            np.ravel(analytic), np.ravel(self.numerical_gradient(loss, theta))
        )
        return error, error < self.tolerance


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
