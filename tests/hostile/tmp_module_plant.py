"""Plant modules in /tmp (the working directory and $HOME): json.py, traceback.py, sitecustomize.py, usercustomize.py, a numpy/ package and a .pth file, hoping a later worker imports them. Verdict: runtime_error.

Python runs with -I, so neither the working directory nor user site is on sys.path. The second
call (in a later group's fresh worker) checks whether anything was imported from /tmp.
"""

import numpy as np

os = __import__("os")
sys = __import__("sys")

PLANT = 'raise RuntimeError("BREACH: planted module {name} was imported")\n'


def _plant():
    for name in (
        "json",
        "traceback",
        "sitecustomize",
        "usercustomize",
        "linecache",
        "warnings",
        "struct",
        "base64",
        "zlib",
        "signal",
        "selectors",
    ):
        with open(f"/tmp/{name}.py", "w") as handle:
            handle.write(PLANT.format(name=name))
    os.makedirs("/tmp/numpy", exist_ok=True)
    with open("/tmp/numpy/__init__.py", "w") as handle:
        handle.write(PLANT.format(name="numpy"))
    with open("/tmp/evil.pth", "w") as handle:
        handle.write("import sitecustomize\n")


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000, tol=1e-6):
        pass

    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError

    def _compute_loss(self, predictions, y):
        from_tmp = [
            name
            for name, module in list(sys.modules.items())
            if str(getattr(module, "__file__", "") or "").startswith("/tmp")
        ]
        if from_tmp:
            raise RuntimeError(f"BREACH: modules imported from /tmp: {from_tmp}")
        planted = os.path.exists("/tmp/sitecustomize.py")
        _plant()
        raise RuntimeError(
            f"planted modules in /tmp (already there from an earlier group: {planted}); "
            f"sys.path={sys.path}"
        )

    def _compute_gradients(self, X, y, predictions):
        raise NotImplementedError
