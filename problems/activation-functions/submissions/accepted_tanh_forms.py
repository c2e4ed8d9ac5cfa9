import numpy as np


def relu(x):
    return x * (x > 0)


def relu_derivative(x):
    return np.where(x > 0, 1.0, 0.0)


def leaky_relu(x, alpha=0.01):
    return np.maximum(x, 0.0) + alpha * np.minimum(x, 0.0)


def leaky_relu_derivative(x, alpha=0.01):
    slope = np.full(np.shape(x), alpha)
    slope[x > 0] = 1.0
    return slope


def sigmoid(x):
    # The logistic function through tanh: never overflows.
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def sigmoid_derivative(x):
    s = sigmoid(x)
    return s - s * s


def tanh(x):
    return 2.0 * sigmoid(2.0 * x) - 1.0


def tanh_derivative(x):
    return 4.0 * sigmoid_derivative(2.0 * x)
