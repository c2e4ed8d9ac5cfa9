"""Checks for kmeans. Implementations consume the generator differently, so clusterings are
never compared label by label: properties are recomputed here from the inputs (read on the
reference's side) and the candidate's centres. Interface, history, tol run, where the fit
stops, timing and the scaled copies are the profile's standard checks; finiteness with more
clusters than points and the same result for the same random_state, named checks.
"""

from collections.abc import Callable

import numpy as np

from sandbox.checking import (
    Category,
    CheckInput,
    ObservationError,
    Outcome,
    check,
    compare_numbers,
    mean_of,
)
from sandbox.stop_checks import STOP, iterates

FITS = ("fit_blobs", "fit_overlapping")
BLOB_MARGIN = 1e-6  # on separated blobs every correct run reaches the same optimum
Part = Callable[[CheckInput, str, np.ndarray], Outcome]


def _d2(X: np.ndarray, centres: np.ndarray) -> np.ndarray:
    distances: np.ndarray = ((X[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
    return distances


def _centres(c: CheckInput, name: str, key: str = "centres") -> tuple[np.ndarray, np.ndarray]:
    """The input X and the candidate's centres as (k, d): finite, and not all equal."""
    X, k = c.reference[name].array("X"), c.reference[name].array(key).shape[0]
    centres = c.candidate[name].array(key)
    if centres.size != k * X.shape[1]:
        raise ObservationError(f"cluster_centers_ has {centres.size} values, expected {k}×d")
    centres = centres.reshape(k, X.shape[1])
    if not np.isfinite(centres).all():
        raise ObservationError("cluster_centers_ contains NaN or infinity")
    if np.all(centres == centres[0]):
        raise ObservationError("all centres are equal, although the data has clusters to find")
    return X, centres


def _nearest(key: str) -> Part:
    """labels_ (of X) or predict (of X_new), any shape or numeric dtype, name a nearest
    centre (ties allowed up to rounding)."""

    def part(c: CheckInput, name: str, centres: np.ndarray) -> Outcome:
        X = c.reference[name].array("X" if key == "labels_" else "X_new")
        labels = c.candidate[name].array(key).ravel()
        if labels.size != len(X) or not np.isin(labels, np.arange(len(centres))).all():
            return Outcome.failed(f"{name}: {key} must hold {len(X)} indices 0…{len(centres) - 1}")
        distances = _d2(X, centres)
        chosen = distances[np.arange(len(X)), labels.astype(np.int64)]
        slack = 1e-9 * ((X**2).sum(axis=1) + (centres**2).sum(axis=1).max())
        bad = np.flatnonzero(chosen > distances.min(axis=1) + slack)
        if bad.size == 0:
            return Outcome.passed()
        return Outcome.failed(
            f"{name}: {key}[{bad[0]}] is {labels[bad[0]]:g}, but centre "
            f"{distances[bad[0]].argmin()} is nearer; {bad.size} of {len(X)} labels are not the "
            "nearest of your centres"
        )

    return part


def _means(c: CheckInput, name: str, centres: np.ndarray) -> Outcome:
    X = c.reference[name].array("X")
    nearest = _d2(X, centres).argmin(axis=1)
    for j in np.unique(nearest):
        mean = X[nearest == j].mean(axis=0)
        if np.abs(centres[j] - mean).max() > 1e-6 * (1.0 + np.abs(X).max()):
            return Outcome.failed(
                f"{name}: centre {j} is {centres[j].round(6).tolist()}, the mean of the samples "
                f"nearest to it {mean.round(6).tolist()}: move every centre to the mean of its "
                "samples, and iterate until no centre moves more than tol"
            )
    return Outcome.passed()


def _inertia(c: CheckInput, name: str, centres: np.ndarray) -> Outcome:
    return compare_numbers(
        c.candidate[name].number("inertia_"),
        _d2(c.reference[name].array("X"), centres).min(axis=1).sum(),
        what=f"{name}: inertia_ (the sum of squared distances to the nearest centres)",
        rtol=1e-6,
    )


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=FITS, weight=3.0)
def lloyd_fixed_point(c: CheckInput) -> Outcome:
    """On both fits: labels_ and predict name the nearest centre, every centre is the mean of
    its samples (converged), inertia_ is the sum of squared distances to the centres."""
    parts = []
    for name in FITS:
        for part in (_nearest("labels_"), _nearest("predict"), _means, _inertia):
            try:
                parts.append(part(c, name, _centres(c, name)[1]))
            except ObservationError as error:
                parts.append(Outcome.failed(f"{name}: {error}"))
    return mean_of(parts)


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["fit_blobs"], weight=2.0)
def finds_well_separated_blobs(c: CheckInput) -> Outcome:
    """No empty cluster, and an inertia at most BLOB_MARGIN (relative) above the reference's."""
    X, centres = _centres(c, "fit_blobs")
    distances = _d2(X, centres)
    empty = sorted(set(range(len(centres))) - set(distances.argmin(axis=1).tolist()))
    inertia = float(distances.min(axis=1).sum())
    optimum = float(_d2(X, c.reference["fit_blobs"].array("centres")).min(axis=1).sum())
    if not empty and inertia <= optimum * (1.0 + BLOB_MARGIN):
        return Outcome.passed()
    found = f"no sample is nearest to centre(s) {empty}" if empty else f"inertia {inertia:.6g}"
    return Outcome.failed(
        f"on 4 separated blobs {found}, the blobs' means give an inertia of {optimum:.6g}: "
        "k-means++ seeding and Lloyd's updates put one centre at the mean of every blob"
    )


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["seeding_isolated_points"], weight=1.5)
def seeding_is_kmeans_plus_plus(c: CheckInput) -> Outcome:
    """D^2 sampling seeds all 3 isolated samples (probability > 1 - 1e-8), so they are
    centres after one iteration; uniform seeding picks all 3 with probability < 1e-6."""
    _, centres = _centres(c, "seeding_isolated_points")
    for point in c.reference["seeding_isolated_points"].array("isolated"):
        if np.sqrt(((centres - point) ** 2).sum(axis=1)).min() > 1e-6 * np.linalg.norm(point):
            return Outcome.failed(
                "on 500 samples around 0 and 3 samples 1e6 away, after one iteration "
                f"(n_clusters=4, max_iter=1) no centre of yours is at {point.round(3).tolist()}: "
                "k-means++ picks every centre after the first with probability D(x)^2 / sum D^2"
            )
    return Outcome.passed()


@check(category=Category.CONVERGENCE_AWARENESS, probes=[STOP])
def history_is_the_inertia_of_each_iteration(c: CheckInput) -> Outcome:
    """Entry t >= 2 of loss_history is the inertia of iteration t recomputed from the reruns'
    centres: before the update (nearest C_t-1), or after it (nearest C_t, or C_t with the
    assignment to C_t-1)."""
    reference, observed = c.reference[STOP], c.candidate[STOP]
    X, (_, path) = reference.array("inputs"), iterates(observed, reference.array("stopped").shape)
    if observed.value("history") is None:
        return Outcome.failed("the model has no loss_history after fit()")
    history = observed.array("history").ravel()
    for t in range(2, min(history.size, len(path)) + 1):
        old, new = path[t - 2], path[t - 1]
        labels = _d2(X, old).argmin(axis=1)
        inertias = [_d2(X, C).min(axis=1).sum() for C in (old, new)]
        inertias.append(((X - new[labels]) ** 2).sum())
        if not np.isclose(history[t - 1], inertias, rtol=1e-6, atol=0.0).any():
            return Outcome.failed(
                f"loss_history[{t - 1}] is {history[t - 1]:.6g}, but in iteration {t} your "
                f"centres give an inertia of {inertias[0]:.6g} before the update and "
                f"{inertias[1]:.6g} after it: record the inertia your model has at each iteration"
            )
    return Outcome.passed()
