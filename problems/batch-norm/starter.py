import numpy as np


class BatchNorm:
    """Batch normalisation over the samples of x (n, d), one mean and variance per feature."""

    def __init__(self, num_features: int, momentum: float = 0.9, eps: float = 1e-5) -> None:
        pass

    def forward(self, x: np.ndarray, training: bool = True) -> np.ndarray:
        raise NotImplementedError

    def backward(self, dout: np.ndarray) -> np.ndarray:
        """dx for the last training-mode forward; sets self.dgamma and self.dbeta."""
        raise NotImplementedError
