import numpy as np


class GradientChecker:
    """A cheat: no finite differences at all. It reads the loss object's arrays and returns
    the exact analytic gradient, which is closer to the truth than any finite difference.
    The check with epsilon=1e-2 must still catch it: a checker differentiates numerically."""

    def __init__(self, epsilon=1e-5, tolerance=1e-6):
        self.epsilon = epsilon
        self.tolerance = tolerance

    def numerical_gradient(self, loss, theta):
        theta = np.asarray(theta, dtype=np.float64)
        if hasattr(loss, "A"):
            return 0.5 * (loss.A + loss.A.T) @ theta + loss.b
        logits = loss.X @ theta
        P = np.exp(logits - logits.max(axis=1, keepdims=True))
        P /= P.sum(axis=1, keepdims=True)
        P[np.arange(len(loss.y)), loss.y] -= 1.0
        return loss.X.T @ P / len(loss.y)

    def relative_error(self, analytic, numerical):
        a = np.asarray(analytic, dtype=np.float64)
        n = np.asarray(numerical, dtype=np.float64).reshape(a.shape)
        return float(np.linalg.norm(a - n) / max(np.linalg.norm(a) + np.linalg.norm(n), 1e-8))

    def check(self, loss, theta, analytic):
        error = self.relative_error(analytic, self.numerical_gradient(loss, theta))
        return error, bool(error < self.tolerance)


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
