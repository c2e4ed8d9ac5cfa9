import numpy as np


def sgd_momentum(w, grads, lr=0.01, momentum=0.9):
    velocity = np.zeros(w.shape)
    iterates = np.zeros((len(grads), len(w)))
    for t in range(len(grads)):
        velocity = momentum * velocity - lr * grads[t]
        w = w + velocity
        iterates[t, :] = w
    return iterates


def adam(w, grads, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    # Kingma & Ba's "more efficient" form: the corrections folded into the step size,
    # with eps scaled so that the update is the same.
    m = np.zeros(w.shape)
    v = np.zeros(w.shape)
    iterates = np.zeros((len(grads), len(w)))
    for t in range(1, len(grads) + 1):
        g = grads[t - 1]
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g**2
        c2 = np.sqrt(1 - beta2**t)
        alpha = lr * c2 / (1 - beta1**t)
        w = w - alpha * m / (np.sqrt(v) + eps * c2)
        iterates[t - 1] = w
    return iterates
