"""Forward differences (f(theta + eps) - f(theta)) / eps: first-order accurate only."""

import numpy as np


class GradientChecker:
    def __init__(self, epsilon=1e-5, tolerance=1e-6):
        self.epsilon = epsilon
        self.tolerance = tolerance

    def numerical_gradient(self, loss, theta):
        point = np.array(theta, dtype=np.float64)  # a float copy: the caller's array is untouched
        gradient = np.zeros_like(point)
        flat, out = point.reshape(-1), gradient.reshape(-1)  # views of the copies
        for i in range(flat.size):
            original = flat[i]
            flat[i] = original + self.epsilon
            plus = loss.value(point)
            flat[i] = original
            out[i] = (plus - loss.value(point)) / self.epsilon
        return gradient

    def relative_error(self, analytic, numerical):
        a = np.asarray(analytic, dtype=np.float64)
        n = np.asarray(numerical, dtype=np.float64).reshape(a.shape)
        scale = np.linalg.norm(a) + np.linalg.norm(n)
        return float(np.linalg.norm(a - n) / max(scale, 1e-8))

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
