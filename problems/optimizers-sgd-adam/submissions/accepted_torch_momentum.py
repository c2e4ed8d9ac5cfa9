import numpy as np


def sgd_momentum(w, grads, lr=0.01, momentum=0.9):
    # PyTorch's convention: the velocity accumulates gradients, the step is -lr * velocity.
    buf = np.zeros_like(w)
    out = []
    for g in grads:
        buf = momentum * buf + g
        w = w - lr * buf
        out.append(w)
    return np.array(out)


def adam(w, grads, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    out = []
    t = 0
    while t < len(grads):
        g = grads[t]
        t += 1
        m = beta1 * m + (1.0 - beta1) * g
        v = beta2 * v + (1.0 - beta2) * np.square(g)
        step = lr * (m / (1.0 - beta1**t)) / (np.sqrt(v / (1.0 - beta2**t)) + eps)
        w = w - step
        out.append(w)
    return np.vstack(out)
