import numpy as np


class LineFit:
    def __init__(self, lr=0.1, iterations=80):
        self.lr = lr
        self.iterations = iterations

    def fit(self, x, y):
        self.w_, self.b_ = 0.0, 0.0
        self.loss_history = []
        # Your gradient descent here: record the loss before each step.
        return self

    def predict(self, x):
        return np.zeros_like(x, dtype=float)
