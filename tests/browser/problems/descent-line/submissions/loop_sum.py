import numpy as np


class LineFit:
    def __init__(self, lr=0.1, iterations=80):
        self.lr = lr
        self.iterations = iterations

    def fit(self, x, y):
        self.w_, self.b_ = 0.0, 0.0
        self.loss_history = []
        for _ in range(self.iterations):
            loss = grad_w = grad_b = 0.0
            for xi, yi in zip(x, y, strict=True):
                residual = self.w_ * xi + self.b_ - yi
                loss += residual**2 / len(x)
                grad_w += 2.0 * residual * xi / len(x)
                grad_b += 2.0 * residual / len(x)
            self.loss_history.append(float(loss))
            self.w_ -= self.lr * grad_w
            self.b_ -= self.lr * grad_b

    def predict(self, x):
        return self.w_ * np.asarray(x, dtype=float) + self.b_
