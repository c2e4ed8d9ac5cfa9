"""Ignore SIGTERM, SIGALRM, SIGINT, SIGHUP, SIGUSR1/2, SIGXCPU, then busy-loop in _compute_loss. Verdict: time_limit."""

import numpy as np

signal = __import__("signal")


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        for name in (
            "SIGTERM",
            "SIGALRM",
            "SIGINT",
            "SIGHUP",
            "SIGUSR1",
            "SIGUSR2",
            "SIGXCPU",
            "SIGVTALRM",
            "SIGPROF",
        ):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGALRM, signal.SIGINT})
        while True:
            pass

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
