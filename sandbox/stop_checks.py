"""The standard check of a stopping rule on the parameters (``history.stop``; the probe is
``sandbox.harness.stop_point``'s), in convergence_awareness: the fit with tol stopped where
the candidate's own iterates say the rule first held. Trusted side.
"""

from __future__ import annotations

import numpy as np

from sandbox.checking import Check, CheckInput, Outcome
from sandbox.harness.estimator_spec import HistorySpec
from sandbox.harness.stop_point import changes_along, rule_holds
from sandbox.observations import ObservationError, ProbeResult
from sandbox.rubric import Category

STOP = "standard_stop_point"
SAME = 1e-9  # the fit with tol against a rerun of as many iterations: the same arithmetic
# A change this close to tol (relative) may fall on either side of it: the candidate's own
# arithmetic decides, and both stopping points are accepted.
BOUNDARY = 1e-9


def stop_check(history: HistorySpec) -> Check:
    """``standard_stops_where_the_rule_first_holds``."""
    stop = history.stop
    assert stop is not None

    def run(c: CheckInput) -> Outcome:
        observed, expected = c.candidate[STOP], c.reference[STOP]
        tol = expected.number("tol")
        stopped, path = iterates(observed, expected.array("stopped").shape)
        changes = changes_along(path, stop)
        maybe = [rule_holds(change, tol * (1.0 + BOUNDARY), stop.holds) for change in changes]
        if True in maybe:
            at = maybe.index(True)
            first = at + stop.first  # the iteration after which the rule first held
            sure = rule_holds(float(changes[at]), tol * (1.0 - BOUNDARY), stop.holds)
            allowed = [first] if sure else [first, first + 1]
        else:  # the rule never held before the cap: the fit runs to the cap
            first, allowed = len(path), [len(path)]
        for iterations in (t for t in allowed if t <= len(path)):
            if np.allclose(stopped, path[iterations - 1], rtol=SAME, atol=0.0):
                return _history_length(observed, iterations, history.attribute)
        same = [bool(np.allclose(stopped, p, rtol=SAME, atol=0.0)) for p in path]
        when = f"after iteration {same.index(True) + 1}" if True in same else "elsewhere"
        return Outcome.failed(
            f"with {history.tol}={tol:g} the first iteration after which {stop.rule} is "
            f"iteration {first} (by your own iterates, rerun with {history.iterations} = 1, "
            f"2, …), but your fit stopped {when}: stop as soon as {stop.rule}"
        )

    name = "standard_stops_where_the_rule_first_holds"
    return Check(name, Category.CONVERGENCE_AWARENESS, (STOP,), stop.weight, run)


def iterates(observed: ProbeResult, shape: tuple[int, ...]) -> tuple[np.ndarray, list[np.ndarray]]:
    """The stopped parameters and the path of iterates (the parameters after 1, 2, …
    iterations), each in the reference's shape, from the candidate's observation of the
    stop point; ``ObservationError`` says what is wrong. Public for a package's own checks
    of the path (kmeans recomputes the inertia of each iteration from it)."""
    raw = observed.value("path")
    if not isinstance(raw, list) or not raw:
        raise ObservationError("the parameters of your reruns are not a list of arrays")
    try:
        path = [np.asarray(p, dtype=np.float64).reshape(shape) for p in raw]
        return observed.array("stopped").reshape(shape), path
    except (TypeError, ValueError) as error:
        raise ObservationError(
            f"your parameters must hold {int(np.prod(shape))} numbers"
        ) from error


def _history_length(observed: ProbeResult, iterations: int, attribute: str) -> Outcome:
    """One entry per iteration (or one more: an initial entry); no history is the standard
    history check's business."""
    if observed.value("history") is None:
        return Outcome.passed()
    length = observed.array("history").size
    if length in (iterations, iterations + 1):
        return Outcome.passed()
    return Outcome.failed(
        f"training stopped after iteration {iterations}, but {attribute} has {length} entries: "
        "record the loss once per iteration"
    )
