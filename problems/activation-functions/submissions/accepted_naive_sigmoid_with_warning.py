import numpy as np


def relu(x):
    return np.clip(x, 0.0, None)


def relu_derivative(x):
    return np.heaviside(x, 0.0)


def leaky_relu(x, alpha=0.01):
    return np.where(x >= 0, x, x * alpha)


def leaky_relu_derivative(x, alpha=0.01):
    return np.where(x >= 0, 1.0, alpha)


def sigmoid(x):
    # exp(-x) overflows to inf for x < -709 and 1 / inf is exactly 0: a warning, no error.
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-x))


def sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1.0 - s)


def tanh(x):
    return np.tanh(x)


def tanh_derivative(x):
    return 1.0 / np.cosh(x) ** 2
