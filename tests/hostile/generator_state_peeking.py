"""Generator-state peeking: from the first _compute_gradients call of every group, look in its own process for the judge's randomness: numpy Generators, BitGenerators and SeedSequences (gc), a dict or module attribute holding a seed, probe or harness objects, the frames above the call (ctx, rng, seed, a payload), the probe modules in sys.modules, the environment, argv, and /proc/{1,parent,self}/{environ,cmdline}. Verdict: accepted.

Twin: twins/vectorized.py

Anything found is a BREACH: the candidate's process must hold its module and the call
server, nothing of the judge's inputs to come.
"""

import numpy as np

gc = __import__("gc")
os = __import__("os")
sys = __import__("sys")


SUSPECT_NAMES = ("seed", "rng", "ctx", "context", "generator", "state", "payload", "probe")


def _findings_in_objects():
    found = []
    # NumPy's own global RandomState (seeded from the OS when numpy.random is first
    # imported, here) is the candidate's, not the judge's.
    own = np.random.mtrand._rand._bit_generator
    ours = {id(own), id(own.seed_seq)}
    tracked = gc.get_objects()
    # Dicts and tuples of plain numbers and strings are not tracked by gc: reach them
    # through the objects that hold them.
    for value in tracked + [v for holder in tracked for v in gc.get_referents(holder)]:
        kind = type(value)
        if id(value) in ours:
            continue
        if isinstance(value, np.random.Generator | np.random.BitGenerator):
            found.append(f"a {kind.__name__} in memory")
        elif isinstance(value, np.random.SeedSequence):
            found.append(f"a SeedSequence with entropy {value.entropy!r}")
        elif isinstance(value, dict) and isinstance(value.get("seed"), int):
            found.append(f"a dict with a seed: {sorted(map(str, value))[:8]}")
        elif kind.__name__ in ("ProbeContext", "Probe", "Harness", "StandardProbes"):
            found.append(f"a {kind.__name__} object")
    return found


def _findings_in_frames():
    found = []
    frame = sys._getframe(1)
    while frame is not None:
        for name in frame.f_locals:
            if name in SUSPECT_NAMES and name != "payload":
                found.append(f"{name!r} in the frame of {frame.f_code.co_name}()")
        payload = frame.f_locals.get("payload")
        if isinstance(payload, dict) and "seed" in payload:
            found.append(f"the seed in the payload of {frame.f_code.co_name}()")
        frame = frame.f_back
    return found


def _findings_in_modules():
    found = []
    for name in ("sandbox.harness.probing", "sandbox.harness.standard", "sandbox.harness.main",
                 "problem_probes", "reference_probes"):
        if name in sys.modules:
            found.append(f"module {name} is loaded")
    for name, module in list(sys.modules.items()):
        for attribute in ("SEED", "seed", "_seed"):
            if isinstance(getattr(module, attribute, None), int):
                found.append(f"{name}.{attribute}")
    return found


def _findings_in_environment():
    found = []
    for key, value in os.environ.items():
        if "SEED" in key.upper() or "NUMJUDGE" in key.upper():
            found.append(f"environment {key}")
    if any("seed" in arg.lower() for arg in sys.argv):
        found.append(f"argv {sys.argv!r}")
    for pid in ("1", str(os.getppid()), "self"):
        for part in ("environ", "cmdline"):
            try:
                with open(f"/proc/{pid}/{part}", "rb") as handle:
                    if b"seed" in handle.read().lower():
                        found.append(f"/proc/{pid}/{part} mentions a seed")
            except OSError:
                pass
    return found


def _peek():
    found = (
        _findings_in_objects()
        + _findings_in_frames()
        + _findings_in_modules()
        + _findings_in_environment()
    )
    for finding in found[:20]:
        print(f"BREACH: {finding}", flush=True)
    return found


_LOOKED = []


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
        if not _LOOKED:
            _LOOKED.append(_peek())
        r = np.asarray(predictions, dtype=np.float64) - np.asarray(y, dtype=np.float64)
        return X.T @ r / X.shape[0], float(np.mean(r))
