"""The package a new problem starts from: every file of the format, small and statically
valid, with one probe and one check per rubric category to replace (problems/README.md)."""

from __future__ import annotations

PROBLEM_YAML = """\
slug: {slug}
title: {title}
difficulty: easy
topic: interview-staples
tags: []
version: 1
entry_point:
  class: MeanPredictor
  methods: [fit, predict]
curve: {{probe: fit_small, key: loss_history}}
"""

STATEMENT = """\
# {title}

Implement `MeanPredictor` with `fit(X, y)` (returns `self`, sets `mean_` and
`loss_history`) and `predict(X)` (an array of `X.shape[0]` values equal to `mean_`).

Replace this statement: the class, every method with its arguments and shapes, the loss in
LaTeX ($L = \\frac{{1}}{{n}}\\sum_i (y_i - \\bar y)^2$), the defaults, the tolerances, and one
worked example with numbers.
"""

STARTER = """\
import numpy as np


class MeanPredictor:
    def fit(self, X, y):
        raise NotImplementedError

    def predict(self, X):
        raise NotImplementedError
"""

REFERENCE = """\
import numpy as np


class MeanPredictor:
    def fit(self, X, y):
        self.mean_ = float(np.mean(y))
        self.loss_history = [float(np.mean((y - self.mean_) ** 2))]
        return self

    def predict(self, X):
        return np.full(X.shape[0], self.mean_)
"""

PROBES = """\
import numpy as np

from sandbox.harness.probing import ProbeContext, probe


@probe(group="fit", sample=True)
def fit_small(ctx: ProbeContext) -> dict[str, object]:
    rng = ctx.rng("fit")
    X, y = rng.normal(size=(50, 3)), rng.normal(size=50)
    model = ctx.solution.MeanPredictor()
    returned = model.fit(X, y)
    ctx.state["model"] = model
    return {"returns_self": returned is model, "mean": model.mean_,
            "loss_history": model.loss_history}


@probe(group="fit")
def predict_holdout(ctx: ProbeContext) -> dict[str, object]:
    X = ctx.rng("holdout").normal(size=(20, 3))
    huge = ctx.solution.MeanPredictor()
    huge.fit(X, 1e100 * np.ones(20))
    return {"predictions": ctx.state["model"].predict(X), "big": huge.predict(X)}
"""

CHECKS = """\
from sandbox.checking import (
    Category,
    CheckInput,
    Outcome,
    all_finite,
    check,
    compare_arrays,
    find_sample_loops,
)


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["predict_holdout"])
def predictions_match(c: CheckInput) -> Outcome:
    return compare_arrays(
        c.candidate["predict_holdout"].array("predictions"),
        c.reference["predict_holdout"].array("predictions"),
        what="predict(X)",
    )


@check(category=Category.VECTORIZED_IMPLEMENTATION, probes=["fit_small"])
def no_loops(c: CheckInput) -> Outcome:
    found = find_sample_loops(c.tree, "MeanPredictor", ["fit", "predict"])
    return Outcome.failed("; ".join(found)) if found else Outcome.passed()


@check(category=Category.NUMERICAL_STABILITY, probes=["predict_holdout"])
def huge_targets(c: CheckInput) -> Outcome:
    return all_finite(c.candidate["predict_holdout"].array("big"), what="predict() after 1e100")


@check(category=Category.CODE_ORGANIZATION, probes=["fit_small"])
def fit_returns_self(c: CheckInput) -> Outcome:
    ok = c.candidate["fit_small"].value("returns_self") is True
    return Outcome.passed() if ok else Outcome.failed("fit() must return self")


@check(category=Category.CONVERGENCE_AWARENESS, probes=["fit_small"])
def records_loss(c: CheckInput) -> Outcome:
    return compare_arrays(
        c.candidate["fit_small"].array("loss_history"),
        c.reference["fit_small"].array("loss_history"),
        what="loss_history",
    )
"""

HINTS = """\
## Where to start

The mean of `y` minimises the squared error.

## Nearly the answer

`np.mean(y)` in `fit`, `np.full(X.shape[0], self.mean_)` in `predict`.
"""

EDITORIAL = """\
# {title}

Replace this editorial: the derivation, the reference's choices, and the classic mistakes
with the category each costs.
"""

LOOP_SUBMISSION = """\
import numpy as np


class MeanPredictor:
    def fit(self, X, y):
        total = 0.0
        for value in y:
            total += value
        self.mean_ = total / len(y)
        self.loss_history = [float(np.mean((y - self.mean_) ** 2))]
        return self

    def predict(self, X):
        return np.full(X.shape[0], self.mean_)
"""

EXPECTED = """\
loop_over_samples.py:
  loses: [vectorized_implementation]
  keeps: [mathematical_correctness, numerical_stability, code_organization, convergence_awareness]
"""


def template_files(slug: str, title: str) -> dict[str, str]:
    """A new package named ``slug``: the files of problems/README.md, ready to edit."""
    # A title that YAML would read as something else (a colon, a quote) is quoted.
    quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return {
        "problem.yaml": PROBLEM_YAML.format(slug=slug, title=quoted),
        "statement.md": STATEMENT.format(title=title),
        "starter.py": STARTER,
        "reference.py": REFERENCE,
        "probes.py": PROBES,
        "checks.py": CHECKS,
        "hints.md": HINTS,
        "editorial.md": EDITORIAL.format(title=title),
        "submissions/loop_over_samples.py": LOOP_SUBMISSION,
        "submissions/expected.yaml": EXPECTED,
    }
