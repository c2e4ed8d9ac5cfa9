"""The standard timing check, shared by every profile (trusted side): it scores what
``sandbox.harness.timing.time_calls`` observed, in vectorized_implementation.

Gated only on "ran and returned finite output of the expected size"; outputs at scale
must relate to the reference as the untimed ones do; the marginal cost from n to 10n
against the plain-NumPy yardstick decides; the static loop scan is only a hint.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np

from sandbox.checking import (
    Check,
    CheckInput,
    Outcome,
    fastest_of,
    loop_hints,
    proportional_factor,
    relation_to_reference,
)
from sandbox.harness.timing import TimedCall, timing_labels
from sandbox.observations import ObservationError, ProbeResult
from sandbox.rubric import Category

# A timed call's rows may relate to the reference in a share this much smaller than the
# small call's: the two shares, of 64 rows untimed and 256 timed, differ by chance with a
# standard deviation of at most 0.07, so an honest defect fails it about once in 5,000.
ROW_SHARE_MARGIN = 0.25
OVERHEAD_SECONDS = 0.25  # a constant cost per call allowed on top of the bound at 10n
SLACK_SECONDS = 0.03  # extra time allowed on top of the bound on the marginal cost


@dataclasses.dataclass(frozen=True)
class TimedSeconds:
    """What a timed call's computation took at n and 10n samples (the fastest round), the
    candidate's and the plain-NumPy yardstick's."""

    candidate_small: float
    candidate_large: float
    yardstick_small: float
    yardstick_large: float

    def headroom(self, max_ratio: float) -> tuple[float, float]:
        """How many times the candidate's times could grow and still pass each of the two
        bounds (below 1: how far they are past it): the marginal cost from n to 10n, and
        the time at 10n. A judging is only as repeatable as its calls are far from 1."""
        extra_candidate = max(self.candidate_large - self.candidate_small, 0.0)
        extra_yardstick = max(self.yardstick_large - self.yardstick_small, 0.0)
        return (
            _times(max_ratio * extra_yardstick + SLACK_SECONDS, extra_candidate),
            _times(max_ratio * self.yardstick_large + OVERHEAD_SECONDS, self.candidate_large),
        )


def _times(allowed: float, taken: float) -> float:
    return allowed / taken if taken > 0 else float("inf")


def timed_seconds(candidate: ProbeResult, timing: TimedCall) -> TimedSeconds:
    """The seconds a timing probe observed (``sandbox.harness.timing.time_calls``).

    Every call of the candidate's includes sending its inputs and its output; that cost,
    measured on the yardstick's call of the same label, is taken off, so that only
    computation is compared (the yardstick's calls are timed in its process)."""
    rounds = range(timing.rounds)

    def computing(size: str) -> float:
        return min(
            max(
                candidate.number(f"seconds:{size}_{r}") - candidate.number(f"overhead:{size}_{r}"),
                0.0,
            )
            for r in rounds
        )

    def yardstick(size: str) -> float:
        return fastest_of(candidate, [f"yardstick:{size}_{r}" for r in rounds])

    return TimedSeconds(computing("n"), computing("10n"), yardstick("n"), yardstick("10n"))


def marginal_time_check(seconds: TimedSeconds, *, what: str, max_ratio: float) -> Outcome:
    """Compare how time grows from n to 10n samples, candidate against the yardstick.

    Timings are seconds the harness measured outside the candidate's process. The extra
    time for 9n more samples exposes a Python loop over samples (hundreds of times the
    yardstick's) while ignoring constant overheads; the time at 10n is bounded by the same
    rule with ``OVERHEAD_SECONDS`` of constant cost allowed, so that slowing the n-sized
    calls down cannot hide the extra time.
    """
    detail = (
        f"{what}: {seconds.candidate_small:.4f} s → {seconds.candidate_large:.4f} s for 10× "
        f"the samples; plain NumPy: {seconds.yardstick_small:.4f} s → "
        f"{seconds.yardstick_large:.4f} s"
    )
    marginal, at_scale = seconds.headroom(max_ratio)
    if marginal < 1:
        return Outcome.failed(f"{detail}. The extra time grows like a Python loop over samples")
    if at_scale < 1:
        return Outcome.failed(f"{detail}. At 10n the time is that of a Python loop over samples")
    return Outcome.passed(detail)


def marginal_cost_check(
    timing: TimedCall, class_name: str, siblings: Sequence[TimedCall] = ()
) -> Check:
    """``standard_marginal_cost_<name>``: the timed call's speed against the yardstick.
    ``class_name`` is where its loops are looked for ("" for a module's functions);
    ``siblings`` are the problem's other timed calls (see ``_caught_sibling``)."""
    probe = timing.probe

    def run(c: CheckInput) -> Outcome:
        candidate = c.candidate[probe]
        if gate := _not_measured_unless_finite(c, timing):
            return gate
        unrelated = _first_unrelated_label(c, timing)
        if unrelated:
            return Outcome.failed(
                f"{timing.what}'s output for the timed input '{unrelated}' does not relate "
                "to the reference the way it does for a small input: a timed call must "
                "do the same work as any other"
            )
        if unrelated is None and (caught := _caught_sibling(c, timing, siblings)):
            return Outcome.failed(
                f"{timing.what}'s output cannot be held to the reference (it relates to it "
                f"in no part, even for a small input), and {caught.what} did other work at "
                "the timed sizes than at small ones: a timed call must do the same work as "
                "any other"
            )

        outcome = marginal_time_check(
            timed_seconds(candidate, timing),
            what=f"{timing.what} from n={timing.n} to {10 * timing.n}",
            max_ratio=timing.max_ratio,
        )
        hints = loop_hints(c.tree, class_name, timing.loops_in)
        if outcome.is_pass or not hints:
            return outcome
        return Outcome.failed(f"{outcome.message}. Python loops it runs: {'; '.join(hints)}")

    probes = (probe, timing.witness) if timing.witness else (probe,)
    name = f"standard_{timing.check_name}"
    return Check(name, Category.VECTORIZED_IMPLEMENTATION, probes, 1.0, run)


def _first_unrelated_label(c: CheckInput, timing: TimedCall) -> str | None:
    """The first timed input whose output does not relate to the reference the way the
    untimed output does; "" when all do; ``None`` when nothing can be held to the reference.

    How the candidate's output relates to the reference's where nothing is timed holds for
    timed calls too. A row-wise output is held row by row (``_row_shares``). Any other is
    held as a whole when a package's own probe (the witness), else the small untimed call,
    relates as a whole; or else in each part (a tuple's item) that related untimed, so that
    a defect in one part cannot excuse instant answers in the others.
    """
    labels = timing_labels(timing.rounds)
    if (shares := _row_shares(c, timing)) is not None:
        if shares[0] < ROW_SHARE_MARGIN:
            return None  # hardly a row relates even untimed: nothing to hold it to
        late = (
            label
            for label, share in zip(labels, shares, strict=True)
            if share < shares[0] - ROW_SHARE_MARGIN
        )
        return next(late, "")
    candidate, reference = c.candidate[timing.probe], c.reference[timing.probe]
    summaries = [
        (candidate.array(f"summary:{label}"), reference.array(f"summary:{label}"))
        for label in labels
    ]
    whole = [
        relation_to_reference(ours.ravel(), theirs.ravel(), timing.relation, timing.rtol)
        for ours, theirs in summaries
    ]
    parts = [_related_parts(ours, theirs, timing) for ours, theirs in summaries]
    witnessed = _witness_related(c, timing.witness, timing.rtol) if timing.witness else whole[0]
    if not witnessed and not any(parts[0]):
        return None
    for index, label in enumerate(labels[1:], start=1):
        if not (whole[index] if witnessed else _keeps_relations(parts[index], parts[0])):
            return label
    return ""


def _row_shares(c: CheckInput, timing: TimedCall) -> list[float] | None:
    """For a row-wise output (``TimedCall.rows``): the share of its sampled rows that
    relate to the reference's, per label (the small call first); ``None`` when the rows
    were not kept (another kind of output, or a shape that is not one row per sample).

    An output with one row per input sample is held to the reference row by row: a
    defect that shows on some inputs only (a tree one level too shallow, soft instead of
    hard votes) changes about the same share of rows at every size, whereas a timed call
    that does less work than a small one (an early return, a cheap guess) gets most rows
    wrong. The whole output, by contrast, relates or not by chance when a defect is rare.
    """
    candidate, reference = c.candidate[timing.probe], c.reference[timing.probe]
    pairs = []
    for label in timing_labels(timing.rounds):
        key = f"rows:{label}"
        if any(key not in r.values or r.value(key) is None for r in (candidate, reference)):
            return None
        ours, theirs = candidate.array(key), reference.array(key)
        if ours.shape != theirs.shape or ours.ndim != 2:
            return None
        pairs.append((ours, theirs))
    factor = 1.0
    if timing.relation == "proportional":  # a convention's factor, found untimed
        factor = proportional_factor(*pairs[0], rtol=max(timing.rtol, 1e-6)) or 1.0
    shares = []
    for ours, theirs in pairs:
        atol = 1e-9 * float(np.abs(theirs).max(initial=0.0))
        close = np.isclose(ours, factor * theirs, rtol=timing.rtol, atol=atol)
        shares.append(float(close.all(axis=1).mean()))
    return shares


def _caught_sibling(
    c: CheckInput, timing: TimedCall, siblings: Sequence[TimedCall]
) -> TimedCall | None:
    """Another timed call seen doing other work at the timed sizes than at small ones.

    An output that relates to the reference in no part (a maths defect, such as a summed
    bias gradient that changes every fitted weight) cannot show whether a timed call did
    its work; it is given the benefit of the doubt unless the same submission was caught
    answering differently at scale elsewhere: an early return in a helper that the timed
    fit() calls shows in the gradient's own timed calls.
    """
    for sibling in siblings:
        if sibling.probe == timing.probe:
            continue
        try:  # an overflow at scale (not measured) is instability, not an early return
            if not _not_measured_unless_finite(c, sibling) and _first_unrelated_label(c, sibling):
                return sibling
        except (KeyError, ObservationError):  # its probe did not complete: no evidence
            continue
    return None


def _not_measured_unless_finite(c: CheckInput, timing: TimedCall) -> Outcome | None:
    """The timing check's only gate: every timed output has the reference's size and is
    finite, else its speed is not measured."""
    candidate, reference = c.candidate[timing.probe], c.reference[timing.probe]
    for label in timing_labels(timing.rounds):
        size = int(candidate.number(f"size:{label}"))
        expected = int(reference.number(f"size:{label}"))
        if size != expected or candidate.value(f"finite:{label}") is not True:
            return Outcome.not_measured(
                f"{timing.what} returned {size} value(s) for the timed input "
                f"'{label}', expected {expected} finite values, so its speed was not measured"
            )
    return None


def _related_parts(ours: np.ndarray, theirs: np.ndarray, timing: TimedCall) -> list[bool]:
    """Whether each part of a timed output relates to the reference's: a summary holds a
    row per part (``sandbox.harness.timing``); any other shape, or a different number of
    parts, is one part."""
    if ours.ndim != 2 or ours.shape != theirs.shape:
        ours, theirs = ours.reshape(1, -1), theirs.reshape(1, -1)
        if ours.size != theirs.size:
            return [False]
    return [
        relation_to_reference(mine, its, timing.relation, timing.rtol)
        for mine, its in zip(ours, theirs, strict=True)
    ]


def _keeps_relations(timed: list[bool], untimed: list[bool]) -> bool:
    """Every part that related to the reference untimed relates in a timed call too."""
    return len(timed) == len(untimed) and all(t for t, u in zip(timed, untimed, strict=True) if u)


def _witness_related(c: CheckInput, witness: str, rtol: float) -> bool:
    candidate, reference = _numbers_of(c.candidate[witness]), _numbers_of(c.reference[witness])
    return candidate.size == reference.size and relation_to_reference(
        candidate, reference, "proportional", rtol
    )


def _numbers_of(result: ProbeResult) -> np.ndarray:
    """Every number a probe observed, in order, as one flat array."""
    parts = []
    for key in sorted(result.values):
        try:
            parts.append(result.array(key).ravel())
        except ObservationError:
            continue
    return np.concatenate(parts) if parts else np.empty(0)
