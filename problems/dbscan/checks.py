"""Checks for dbscan: core points, noise, the clusters up to their numbering, and the
stated numbering and border rules, against the reference on three data sets. The
interface, the timing of fit() and the same candidate's labels for shifted and scaled
copies of one data set (scaled_copies) are the profile's standard checks."""

import numpy as np

from sandbox.checking import (
    Category,
    CheckInput,
    ObservationError,
    Outcome,
    check,
    dtype_check,
    mean_of,
)
from sandbox.observations import ProbeResult

FITS = ("blobs_with_noise", "eps_boundary", "contested_borders")


def _core(result: ProbeResult) -> set[int]:
    """Core points as a set of indices (their order is code organization's)."""
    return {int(i) for i in result.array("core_sample_indices_").ravel()}


def _holds(condition: bool, message: str) -> Outcome:
    return Outcome.passed() if condition else Outcome.failed(message)


def _same_partition(actual: np.ndarray, expected: np.ndarray) -> bool:
    """The same clusters on the reference's clustered points, whatever their numbers."""
    clustered = expected >= 0
    pairs = set(zip(actual[clustered].tolist(), expected[clustered].tolist(), strict=True))
    return (
        bool((actual[clustered] >= 0).all())
        and len(pairs) == len({a for a, _ in pairs})
        and len(pairs) == len({e for _, e in pairs})
    )


def _parts(c: CheckInput, name: str) -> list[Outcome]:
    """One data set's parts; labels_ are compared flat (their shape is code organization's)."""
    expected = c.reference[name].array("labels_").ravel()
    actual = c.candidate[name].array("labels_").ravel()
    if actual.size != expected.size:
        raise ObservationError(f"labels_ has {actual.size} values, expected {expected.size}")
    core, expected_core = _core(c.candidate[name]), _core(c.reference[name])
    noise, expected_noise = set(np.flatnonzero(actual == -1)), set(np.flatnonzero(expected == -1))
    wrong = int(np.argmax(actual != expected))
    return [
        _holds(
            core == expected_core,
            f"{name}: core_sample_indices_ differ from the expected core points in "
            f"{len(core ^ expected_core)} point(s), e.g. {min(core ^ expected_core, default=0)}: "
            "a point is core when at least min_samples points (itself included) lie within "
            "eps, ||x - y|| <= eps",
        ),
        _holds(
            noise == expected_noise,
            f"{name}: {len(noise ^ expected_noise)} point(s) are noise in one labelling but not "
            f"the other, e.g. {min(noise ^ expected_noise, default=0)}: noise (-1) is only a "
            "point within eps of no core point; a border point belongs to a cluster",
        ),
        _holds(
            _same_partition(actual, expected),
            f"{name}: the clusters are not the expected ones (compared up to their numbering): "
            "clusters are the core points connected by chains of core neighbours, with the "
            "border points they reach",
        ),
        _holds(
            bool(np.array_equal(actual, expected)),
            f"{name}: labels_[{wrong}] is {actual[wrong]:g}, expected {expected[wrong]:g}: "
            "number clusters 0, 1, ... in the order of their first (lowest-index) core point, "
            "and give a border point the first (lowest-numbered) cluster that reaches it",
        ),
    ]


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=FITS, weight=3.0)
def clustering_matches_reference(c: CheckInput) -> Outcome:
    """On each data set: the core points, the noise, the clusters up to numbering, and the
    exact labels (numbering and border rules)."""
    parts: list[Outcome] = []
    for name in FITS:
        try:
            parts += _parts(c, name)
        except ObservationError as error:
            parts.append(Outcome.failed(f"{name}: {error}"))
    return mean_of(parts)


@check(category=Category.CODE_ORGANIZATION, probes=["blobs_with_noise"])
def core_sample_indices_are_sorted_integers(c: CheckInput) -> Outcome:
    observed = c.candidate["blobs_with_noise"]
    indices = observed.array("core_sample_indices_")
    if indices.ndim != 1:
        return Outcome.failed(f"core_sample_indices_ has shape {indices.shape}, expected (n_core,)")
    if (np.diff(indices) <= 0).any():
        return Outcome.failed("core_sample_indices_ must be in increasing order")
    return dtype_check(observed, "core_sample_indices_", "label", "core_sample_indices_")
