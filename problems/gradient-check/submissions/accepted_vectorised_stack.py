import numpy as np


class GradientChecker:
    """All perturbed points built at once as two stacks (theta ± eps I), then one loss call
    each in a comprehension; a list [error, passed] from check."""

    def __init__(self, epsilon=1e-5, tolerance=1e-6):
        self.epsilon, self.tolerance = epsilon, tolerance

    def numerical_gradient(self, loss, theta):
        theta = np.asarray(theta, dtype=np.float64)
        flat = theta.ravel()
        steps = self.epsilon * np.eye(flat.size)
        plus = np.array([loss.value((flat + s).reshape(theta.shape)) for s in steps])
        minus = np.array([loss.value((flat - s).reshape(theta.shape)) for s in steps])
        return ((plus - minus) / (2 * self.epsilon)).reshape(theta.shape)

    def relative_error(self, analytic, numerical):
        a, n = np.ravel(analytic).astype(float), np.ravel(numerical).astype(float)
        denominator = max(np.linalg.norm(a) + np.linalg.norm(n), 1e-10)
        return float(np.linalg.norm(a - n)) / denominator

    def check(self, loss, theta, analytic):
        error = self.relative_error(analytic, self.numerical_gradient(loss, theta))
        return [error, error < self.tolerance]


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
