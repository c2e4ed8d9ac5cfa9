import numpy as np


class BatchNorm:
    def __init__(self, num_features, momentum=0.9, eps=1e-5):
        self.momentum = momentum
        self.eps = eps
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)

    def forward(self, x, training=True):
        if training:
            self.x = x
            self.mu = x.mean(axis=0)
            self.xc = x - self.mu
            self.var = np.einsum("ij,ij->j", self.xc, self.xc) / x.shape[0]
            self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * self.mu
            self.running_var = self.momentum * self.running_var + (1 - self.momentum) * self.var
            self.std = np.sqrt(self.var + self.eps)
            self.xn = self.xc / self.std
            return self.gamma * self.xn + self.beta
        xn = (x - self.running_mean) / np.sqrt(self.running_var + self.eps)
        return self.gamma * xn + self.beta

    def backward(self, dout):
        # The computational graph, stage by stage (as in CS231n).
        n = dout.shape[0]
        self.dbeta = dout.sum(axis=0)
        self.dgamma = (dout * self.xn).sum(axis=0)
        dxn = dout * self.gamma
        dxc = dxn / self.std
        dstd = -((dxn * self.xc) / self.std**2).sum(axis=0)
        dvar = 0.5 * dstd / self.std
        dxc += (2.0 / n) * self.xc * dvar
        dmu = dxc.sum(axis=0)
        return dxc - dmu / n
