"""The standard timing check, shared by every profile (trusted side): it scores what
``sandbox.harness.timing.time_calls`` observed, in vectorized_implementation.

Gated only on "ran and returned finite output of the expected size"; outputs at scale
must relate to the reference as the untimed ones do; the marginal cost from n to 10n
against the plain-NumPy yardstick decides; the static loop scan is only a hint.
"""

from __future__ import annotations

import numpy as np

from sandbox.checking import (
    Check,
    CheckInput,
    Outcome,
    fastest_of,
    loop_hints,
    marginal_time_check,
    relation_to_reference,
)
from sandbox.harness.timing import TimedCall, timing_labels
from sandbox.observations import ObservationError, ProbeResult
from sandbox.rubric import Category


def marginal_cost_check(timing: TimedCall, class_name: str) -> Check:
    """``standard_marginal_cost_<name>``: the timed call's speed against the yardstick.
    ``class_name`` is where its loops are looked for ("" for a module's functions)."""
    rounds = range(timing.rounds)
    probe = timing.probe
    labels = timing_labels(timing.rounds)

    def run(c: CheckInput) -> Outcome:
        candidate, reference = c.candidate[probe], c.reference[probe]
        for label in labels:
            size = int(candidate.number(f"size:{label}"))
            expected = int(reference.number(f"size:{label}"))
            if size != expected or candidate.value(f"finite:{label}") is not True:
                return Outcome.not_measured(
                    f"{timing.what} returned {size} value(s) for the timed input "
                    f"'{label}', expected {expected} finite values, so its speed was not "
                    "measured"
                )
        summaries = [
            (candidate.array(f"summary:{label}"), reference.array(f"summary:{label}"))
            for label in labels
        ]
        whole = [
            relation_to_reference(ours.ravel(), theirs.ravel(), timing.relation, timing.rtol)
            for ours, theirs in summaries
        ]
        parts = [_related_parts(ours, theirs, timing) for ours, theirs in summaries]
        # How the candidate's output relates to the reference's where nothing is timed
        # (a package's own probe, else the small untimed call) holds for timed calls too:
        # the whole output, or else each part (a tuple's item) that related untimed, so
        # that a defect in one part cannot excuse instant answers in the others.
        witnessed = _witness_related(c, timing.witness, timing.rtol) if timing.witness else whole[0]
        for index, label in enumerate(labels[1:], start=1):
            if not (whole[index] if witnessed else _keeps_relations(parts[index], parts[0])):
                return Outcome.failed(
                    f"{timing.what}'s output for the timed input '{label}' does not relate "
                    "to the reference the way it does for a small input: a timed call must "
                    "do the same work as any other"
                )

        # Every call of the candidate's includes sending its inputs and its output; that
        # cost, measured on the yardstick's call of the same label, is taken off, so that
        # only computation is compared (the yardstick's calls are timed in its process).
        def computing(size: str) -> float:
            return min(
                max(
                    candidate.number(f"seconds:{size}_{r}")
                    - candidate.number(f"overhead:{size}_{r}"),
                    0.0,
                )
                for r in rounds
            )

        def yardstick(size: str) -> float:
            return fastest_of(candidate, [f"yardstick:{size}_{r}" for r in rounds])

        outcome = marginal_time_check(
            candidate_small=computing("n"),
            candidate_large=computing("10n"),
            reference_small=yardstick("n"),
            reference_large=yardstick("10n"),
            what=f"{timing.what} from n={timing.n} to {10 * timing.n}",
            baseline="plain NumPy",
            max_ratio=timing.max_ratio,
        )
        hints = loop_hints(c.tree, class_name, timing.loops_in)
        if outcome.is_pass or not hints:
            return outcome
        return Outcome.failed(f"{outcome.message}. Python loops it runs: {'; '.join(hints)}")

    probes = (probe, timing.witness) if timing.witness else (probe,)
    name = f"standard_{timing.check_name}"
    return Check(name, Category.VECTORIZED_IMPLEMENTATION, probes, 1.0, run)


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
