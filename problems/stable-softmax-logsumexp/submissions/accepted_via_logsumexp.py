import numpy as np


def logsumexp(x):
    top = x.max(axis=1)
    return top + np.log(np.exp(x - top[:, None]).sum(axis=1))


def softmax(x):
    return np.exp(x - logsumexp(x)[:, None])


def softmax_backward(upstream, x):
    probabilities = softmax(x)
    weighted = np.einsum("ij,ij->i", upstream, probabilities)
    return probabilities * (upstream - weighted[:, None])
