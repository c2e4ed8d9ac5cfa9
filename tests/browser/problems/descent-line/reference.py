import numpy as np


class LineFit:
    def __init__(self, lr=0.1, iterations=80):
        self.lr = lr
        self.iterations = iterations

    def fit(self, x, y):
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        self.w_, self.b_ = 0.0, 0.0
        self.loss_history = []
        for _ in range(self.iterations):
            residual = self.w_ * x + self.b_ - y
            self.loss_history.append(float(np.mean(residual**2)))
            self.w_ -= self.lr * 2.0 * float(np.mean(residual * x))
            self.b_ -= self.lr * 2.0 * float(np.mean(residual))
        return self

    def predict(self, x):
        return self.w_ * np.asarray(x, dtype=float) + self.b_
