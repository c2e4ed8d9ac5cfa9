"""Checks for dbscan: core points, noise, the clusters up to their numbering, and the
stated numbering and border rules, against the reference on three data sets; the same
candidate's labels for shifted and scaled copies of one data set. The interface and the
timing of fit() are the profile's standard checks."""

import numpy as np

from sandbox.checking import (
    Category,
    CheckInput,
    ObservationError,
    Outcome,
    all_of,
    check,
    dtype_check,
    mean_of,
)

FITS = ("blobs_with_noise", "eps_boundary", "contested_borders")
STABLE = "shifted_and_scaled"


def _labels(c: CheckInput, name: str, prefix: str = "") -> tuple[np.ndarray, np.ndarray]:
    """The candidate's and the reference's labels_, flat (shape is code organization's)."""
    expected = c.reference[name].array(f"{prefix}labels_").ravel()
    actual = c.candidate[name].array(f"{prefix}labels_").ravel()
    if actual.size != expected.size:
        raise ObservationError(f"labels_ has {actual.size} values, expected {expected.size}")
    return actual, expected


def _core(c: CheckInput, name: str, prefix: str = "") -> tuple[set[int], set[int]]:
    """The candidate's and the reference's core points, as sets of indices."""
    key = f"{prefix}core_sample_indices_"
    candidate, reference = (side[name].array(key).ravel() for side in (c.candidate, c.reference))
    return {int(i) for i in candidate}, {int(i) for i in reference}


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
    actual, expected = _labels(c, name)
    core, expected_core = _core(c, name)
    noise, expected_noise = set(np.flatnonzero(actual == -1)), set(np.flatnonzero(expected == -1))
    parts = [
        Outcome.passed()
        if core == expected_core
        else Outcome.failed(
            f"{name}: core_sample_indices_ differ from the expected core points in "
            f"{len(core ^ expected_core)} point(s), e.g. {min(core ^ expected_core)}: a point is "
            "core when at least min_samples points (itself included) lie within eps, "
            "||x - y|| <= eps"
        ),
        Outcome.passed()
        if noise == expected_noise
        else Outcome.failed(
            f"{name}: {len(noise ^ expected_noise)} point(s) are noise in one labelling but not "
            f"the other, e.g. {min(noise ^ expected_noise)}: noise (-1) is only a point within "
            "eps of no core point; a border point belongs to a cluster"
        ),
        Outcome.passed()
        if _same_partition(actual, expected)
        else Outcome.failed(
            f"{name}: the clusters are not the expected ones (compared up to their numbering): "
            "clusters are the core points connected by chains of core neighbours, with the "
            "border points they reach"
        ),
        Outcome.passed()
        if np.array_equal(actual, expected)
        else Outcome.failed(
            f"{name}: labels_[{int(np.argmax(actual != expected))}] is "
            f"{actual[np.argmax(actual != expected)]:g}, expected "
            f"{expected[np.argmax(actual != expected)]:g}: number clusters 0, 1, ... in the "
            "order of their first (lowest-index) core point, and give a border point the "
            "first (lowest-numbered) cluster that reaches it"
        ),
    ]
    return parts


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


@check(category=Category.NUMERICAL_STABILITY, probes=[STABLE], weight=2.0)
def same_clusters_shifted_and_scaled(c: CheckInput) -> Outcome:
    """Shifted by 2^26 and scaled by 2^200 and 2^-200 (with eps): the same labels and core
    points as your own fit of the data as it is. ||x||^2 - 2xy + ||y||^2 loses every digit
    far from the origin; float32 overflows at 2^200; an absolute tolerance breaks at 2^-200."""
    core, expected_core = _core(c, STABLE, "plain:")
    if core != expected_core:
        return Outcome.not_measured(
            "not measured: your core points for the data as it is are not the expected ones "
            "(see mathematical_correctness)"
        )
    observed = c.candidate[STABLE]
    plain = observed.array("plain:labels_").ravel()
    parts = []
    for label, what in (
        ("shifted", "shifted by 2^26"),
        ("huge", "times 2^200"),
        ("tiny", "times 2^-200"),
    ):
        labels = observed.array(f"{label}:labels_").ravel()
        same = labels.shape == plain.shape and np.array_equal(labels, plain)
        same_core = _core(c, STABLE, f"{label}:")[0] == core
        parts.append(
            Outcome.passed()
            if same and same_core
            else Outcome.failed(
                f"for the data {what} (eps alike) your labels_ or core points differ from "
                "your own for the data as it is: compute the differences x - y before "
                "squaring, in float64, and compare with eps without an absolute tolerance"
            )
        )
    return all_of(*parts)
