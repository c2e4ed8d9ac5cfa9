"""Reading the seed: _compute_gradients loops over samples; on the timing probe's untimed first call it gathers every number it can read (/proc/*/{environ,cmdline,stat,status,...} and open files of every process, /tmp, /dev/shm, the environment, argv, every integer in its memory), keeps the one that reproduces the call's inputs as the probe draws them, and precomputes the answers to every timed call. Verdict: wrong_answer.

Twin: twins/slow_loop.py
Targets: vectorized_implementation

A seed found is a BREACH, and would make the timed calls instant.
"""

import numpy as np

gc = __import__("gc")
os = __import__("os")
re = __import__("re")
sys = __import__("sys")
zlib = __import__("zlib")


def _gradients_loop(X, y, predictions):
    n, d = X.shape
    residuals = (np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64))
    dw = [0.0] * d
    db = 0.0
    for row, r in zip(X.tolist(), residuals.tolist()):  # one Python step per sample
        dw = [total + r * x for total, x in zip(dw, row)]
        db += r
    return np.array(dw) / n, db / n


# What the public probes.py and sandbox/harness/standard.py do with the seed: the timing
# inputs come from default_rng([seed, crc32("standard_timing")]), in this order.
SMALL_TIMING_N, TIMING_N, ROUNDS, FEATURES = 64, 50_000, 3, 3
DIGITS = re.compile(rb"\d{4,19}")
_ANSWERS = {}


def _timing_inputs(rng, n):
    X = rng.random((n, FEATURES)) - 0.5
    y = rng.random(n)
    return X, y, X @ rng.normal(size=FEATURES) + rng.normal()


def _fingerprint(X):
    return (X.shape, float(X[0, 0]), float(X[-1, -1]))


def _numbers_in(data):
    return {int(match) for match in DIGITS.findall(data) if int(match) < 2**63}


def _read(path, limit=1 << 20):
    try:
        with open(path, "rb") as handle:
            return handle.read(limit)
    except OSError:
        return b""


def _candidate_seeds():
    """Every number this process can see: files of every process, /tmp, /dev/shm, its
    environment and argv, and every integer in its memory."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit() or entry == "self":
            for part in ("environ", "cmdline", "stat", "status", "sched", "io", "limits"):
                found |= _numbers_in(_read(f"/proc/{entry}/{part}"))
            try:
                for fd in os.listdir(f"/proc/{entry}/fd"):
                    found |= _numbers_in(_read(f"/proc/{entry}/fd/{fd}", 1 << 16))
            except OSError:
                pass
    for directory in ("/tmp", "/dev/shm", "/run", "/var/tmp"):
        try:
            for name in os.listdir(directory):
                found |= _numbers_in(_read(f"{directory}/{name}"))
        except OSError:
            pass
    found |= _numbers_in(" ".join([*sys.argv, *os.environ.values()]).encode())
    tracked = gc.get_objects()
    for value in tracked + [v for holder in tracked for v in gc.get_referents(holder)]:
        if type(value) is int and 1000 <= value < 2**63:
            found.add(value)
    return found


def _predict_timing_inputs(X):
    """Try every candidate seed: the one that reproduces this call's X is the judge's."""
    stream = zlib.crc32(b"standard_timing")
    for seed in _candidate_seeds():
        rng = np.random.default_rng([seed, stream])
        if not np.array_equal(_timing_inputs(rng, SMALL_TIMING_N)[0], X):
            continue
        print(f"BREACH: the judge's seed is {seed}: the timed inputs are known in advance", flush=True)
        for _ in range(ROUNDS):
            for n in (TIMING_N, 10 * TIMING_N):
                X_, y_, p_ = _timing_inputs(rng, n)
                r = p_ - y_
                _ANSWERS[_fingerprint(X_)] = (X_.T @ r / n, float(r.mean()))
        return


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = tol
        self.weights = None
        self.bias = 0.0
        self.loss_history = []

    def fit(self, X, y):
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64).ravel()
        self.weights, self.bias, self.loss_history = np.zeros(X.shape[1]), 0.0, []
        for iteration in range(self.n_iterations):
            predictions = X @ self.weights + self.bias
            loss = self._compute_loss(predictions, y)
            self.loss_history.append(loss)
            if iteration > 0 and abs(self.loss_history[-2] - loss) < self.tol:
                break
            dw, db = self._compute_gradients(X, y, predictions)
            self.weights = self.weights - self.learning_rate * dw
            self.bias = float(self.bias - self.learning_rate * db)
        return self

    def predict(self, X):
        return np.asarray(X, dtype=np.float64) @ self.weights + self.bias

    def _compute_loss(self, predictions, y):
        r = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        return float(0.5 * np.mean(r * r))

    def _compute_gradients(self, X, y, predictions):
        if X.shape[0] == SMALL_TIMING_N and not _ANSWERS:
            _predict_timing_inputs(X)  # the timing probe's untimed first call
        answer = _ANSWERS.get(_fingerprint(X))
        if answer is not None:
            return answer
        return _gradients_loop(X, y, predictions)
