import numpy as np


class BatchNorm:
    def __init__(self, num_features, momentum=0.9, eps=1e-5):
        self.momentum, self.eps = momentum, eps
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)
        self.cache = None

    def forward(self, x, training=True):
        if not training:
            return (
                self.gamma * (x - self.running_mean) / np.sqrt(self.running_var + self.eps)
                + self.beta
            )
        mu = np.mean(x, axis=0)
        var = np.var(x, axis=0)
        m = self.momentum
        self.running_mean = m * self.running_mean + (1.0 - m) * mu
        self.running_var = m * self.running_var + (1.0 - m) * var
        std = np.sqrt(var + self.eps)
        x_hat = (x - mu) / std
        self.cache = (x_hat, std)
        return self.gamma * x_hat + self.beta

    def backward(self, dout):
        x_hat, std = self.cache
        n = dout.shape[0]
        self.dbeta = dout.sum(axis=0)
        self.dgamma = (dout * x_hat).sum(axis=0)
        dx_hat = dout * self.gamma
        # The textbook form: n dx_hat - sum(dx_hat) - x_hat sum(dx_hat x_hat), over n std.
        return (n * dx_hat - dx_hat.sum(axis=0) - x_hat * (dx_hat * x_hat).sum(axis=0)) / (n * std)
