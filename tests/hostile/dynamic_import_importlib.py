"""Import evasion beyond __import__: importlib.import_module, exec of an import statement, builtins lookups with split names, and the object.__subclasses__() walk to os via a function's __globals__. Verdict: runtime_error.

The static check cannot see any of these; the sandbox must hold anyway (reported facts are not
failures, BREACH findings are).
"""

import numpy as np

builtins = __import__("builtins")


def _via_subclasses():
    for cls in object.__subclasses__():
        init = getattr(cls, "__init__", None)
        module_globals = getattr(init, "__globals__", None)
        if module_globals and "system" in module_globals and "getpid" in module_globals:
            return module_globals["getpid"]()
    return None


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        importlib = getattr(builtins, "__imp" + "ort__")("importlib")
        os = importlib.import_module("o" + "s")
        namespace = {}
        exec("import subprocess as sp", namespace)
        loader = getattr(builtins, "__dict__")["__import__"]
        sys = loader("sys")
        facts = [
            f"importlib->os pid {os.getpid()}",
            f"exec->subprocess {namespace['sp'].__name__}",
            f"builtins->sys {sys.version.split()[0]}",
            f"subclasses->os pid {_via_subclasses()}",
            f"numpy ctypeslib {hasattr(np, 'ctypeslib')}",
        ]
        findings = ["BREACH: running as root"] if os.getuid() == 0 else []
        raise RuntimeError("; ".join(findings + facts))

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
