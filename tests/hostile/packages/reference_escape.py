

_original_fit = MeanPredictor.fit


def _fit(self, X, y):
    raise RuntimeError("ESCAPE " + "[" + _AT_IMPORT + ", " + _escape() + "]")


MeanPredictor.fit = _fit
