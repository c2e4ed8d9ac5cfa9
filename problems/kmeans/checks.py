"""Checks for kmeans. Implementations consume the generator differently, so clusterings are
never compared label by label: properties are recomputed here from the inputs (read on the
reference's side) and the candidate's centres, and centres are matched in any order.
The interface, the history, the tol run and the timing are the profile's standard checks.
"""

import itertools
from collections.abc import Callable

import numpy as np

from sandbox.checking import (
    Category,
    CheckInput,
    ObservationError,
    Outcome,
    all_finite,
    all_of,
    check,
    compare_values,
    mean_of,
)

FITS = ("fit_blobs", "fit_overlapping")
BLOB_MARGIN = 1e-6  # on separated blobs every correct run reaches the same optimum
SAME = 1e-9  # relative: the same candidate's centres at another scale, or in a rerun


def _distances(X: np.ndarray, centres: np.ndarray) -> np.ndarray:
    diff = X[:, None, :] - centres[None, :, :]
    squared: np.ndarray = np.einsum("nkd,nkd->nk", diff, diff)
    return squared


def _centres(c: CheckInput, name: str, key: str = "centres") -> tuple[np.ndarray, np.ndarray]:
    """The input X and the candidate's centres as (k, d): finite and not all equal."""
    X = c.reference[name].array("X")
    k = c.reference[name].array(key).shape[0]
    centres = c.candidate[name].array(key)
    if centres.size != k * X.shape[1]:
        raise ObservationError(f"cluster_centers_ has {centres.size} values, expected {k}×d")
    centres = centres.reshape(k, X.shape[1])
    if not np.isfinite(centres).all():
        raise ObservationError("cluster_centers_ contains NaN or infinity")
    if np.all(centres == centres[0]):
        raise ObservationError("all centres are equal: the data has distinct clusters to find")
    return X, centres


def _labels(c: CheckInput, name: str, key: str, n: int, k: int) -> np.ndarray:
    """Labels with the right number of values (any shape, any numeric dtype) as indices."""
    values = c.candidate[name].array(key).ravel()
    if values.size != n:
        raise ObservationError(f"{key} has {values.size} values, expected {n}")
    if not (np.isfinite(values).all() and (values == np.round(values)).all()):
        raise ObservationError(f"{key} must hold cluster indices (whole numbers)")
    if values.min() < 0 or values.max() >= k:
        raise ObservationError(f"{key} holds {values.min():g}…{values.max():g}, not 0…{k - 1}")
    return values.astype(np.int64)


def _each(c: CheckInput, test: Callable[[CheckInput, str], Outcome]) -> Outcome:
    """One part per fit probe; a bad observation fails its part only."""
    parts = []
    for name in FITS:
        try:
            parts.append(test(c, name))
        except ObservationError as error:
            parts.append(Outcome.failed(f"{name}: {error}"))
    return mean_of(parts)


def _nearest(X: np.ndarray, centres: np.ndarray, labels: np.ndarray, what: str) -> Outcome:
    distances = _distances(X, centres)
    chosen = distances[np.arange(len(X)), labels]
    slack = 1e-9 * ((X**2).sum(axis=1) + (centres**2).sum(axis=1).max()) + 1e-300
    bad = chosen > distances.min(axis=1) + slack
    if not bad.any():
        return Outcome.passed()
    i = int(np.argmax(bad))
    return Outcome.failed(
        f"{what}[{i}] is {labels[i]}, but centre {int(distances[i].argmin())} is nearer to that "
        f"point; {int(bad.sum())} of {len(X)} labels do not name the nearest of your centres"
    )


def _labels_nearest(c: CheckInput, name: str) -> Outcome:
    X, centres = _centres(c, name)
    X_new = c.reference[name].array("X_new")
    labels = _labels(c, name, "labels_", len(X), len(centres))
    predicted = _labels(c, name, "predict", len(X_new), len(centres))
    return all_of(
        _nearest(X, centres, labels, f"{name}: labels_"),
        _nearest(X_new, centres, predicted, f"{name}: predict(X_new)"),
    )


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=FITS)
def labels_name_the_nearest_centre(c: CheckInput) -> Outcome:
    """labels_ and predict(X_new) name the nearest of the candidate's centres (ties allowed)."""
    return _each(c, _labels_nearest)


def _means(c: CheckInput, name: str) -> Outcome:
    X, centres = _centres(c, name)
    nearest = _distances(X, centres).argmin(axis=1)
    for j in np.unique(nearest):
        mean = X[nearest == j].mean(axis=0)
        if np.abs(centres[j] - mean).max() > 1e-6 * (1.0 + np.abs(X).max()):
            return Outcome.failed(
                f"{name}: centre {j} is {np.round(centres[j], 6).tolist()} but the mean of the "
                f"{int((nearest == j).sum())} samples nearest to it is "
                f"{np.round(mean, 6).tolist()}: move every centre to the mean of its samples "
                "and iterate until no centre moves more than tol"
            )
    return Outcome.passed()


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=FITS)
def centres_are_means_of_their_samples(c: CheckInput) -> Outcome:
    """At convergence every non-empty cluster's centre is the mean of its samples."""
    return _each(c, _means)


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=FITS)
def inertia_is_sum_of_squared_distances(c: CheckInput) -> Outcome:
    """inertia_ of both fits against the sum of squared distances to the nearest centre."""
    fits = [_centres(c, name) for name in FITS]
    return compare_values(
        [c.candidate[name].number("inertia_") for name in FITS],
        [_distances(X, centres).min(axis=1).sum() for X, centres in fits],
        what="inertia_ of fit_blobs and fit_overlapping (the sum over samples of the squared "
        "distance to the nearest centre)",
        rtol=1e-6,
    )


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["fit_blobs"], weight=2.0)
def finds_well_separated_blobs(c: CheckInput) -> Outcome:
    """No empty cluster, and an inertia at most BLOB_MARGIN (relative) above the reference's."""
    X, centres = _centres(c, "fit_blobs")
    distances = _distances(X, centres)
    empty = sorted(set(range(len(centres))) - set(distances.argmin(axis=1).tolist()))
    if empty:
        return Outcome.failed(
            f"centre(s) {empty} have no sample nearest to them although the 200 samples form "
            "4 separated blobs: seed with k-means++ (probability proportional to D(x)^2)"
        )
    inertia = float(distances.min(axis=1).sum())
    expected = float(_distances(X, c.reference["fit_blobs"].array("centres")).min(axis=1).sum())
    if inertia <= expected * (1.0 + BLOB_MARGIN):
        return Outcome.passed()
    return Outcome.failed(
        f"on 4 separated blobs the inertia of your centres is {inertia:.6g}; the blobs' means "
        f"give {expected:.6g}: k-means++ seeding and Lloyd's updates find every blob"
    )


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["seeding_isolated_points"], weight=1.5)
def seeding_is_kmeans_plus_plus(c: CheckInput) -> Outcome:
    """500 samples around 0 and 3 isolated samples 1e6 away, n_clusters=4, max_iter=1: D^2
    sampling seeds all 3 isolated samples (probability > 1 - 1e-8), so they are centres
    after one iteration; uniform seeding picks all 3 with probability < 1e-6."""
    _, centres = _centres(c, "seeding_isolated_points")
    for point in c.reference["seeding_isolated_points"].array("isolated"):
        if np.sqrt(((centres - point) ** 2).sum(axis=1)).min() > 1e-6 * np.linalg.norm(point):
            return Outcome.failed(
                "on 500 samples around 0 and 3 samples 1e6 away from them, after one iteration "
                f"(n_clusters=4, max_iter=1) no centre of yours is at {point.round(3).tolist()}: "
                "k-means++ chooses every centre after the first with probability "
                "D(x)^2 / sum D^2, which picks each far sample first"
            )
    return Outcome.passed()


@check(category=Category.NUMERICAL_STABILITY, probes=["more_clusters_than_points"])
def more_clusters_than_points_stay_finite(c: CheckInput) -> Outcome:
    observed = c.candidate["more_clusters_than_points"]
    return all_of(
        *(
            all_finite(observed.array(key), what=f"{key} with 7 clusters and 5 distinct points")
            for key in ("centres", "inertia_", "predict")
        )
    )


def _reproducible(c: CheckInput) -> bool:
    observed = c.candidate["scaled_copies"]
    first, again = observed.array("first"), observed.array("again")
    return first.shape == again.shape and bool(np.array_equal(first, again, equal_nan=True))


@check(category=Category.NUMERICAL_STABILITY, probes=["scaled_copies"], weight=2.0)
def same_clusters_at_any_scale(c: CheckInput) -> Outcome:
    """Data times 2^70 and 2^-70 (exact in floating point) gives your centres times the
    same factor: no overflow, underflow or absolute epsilon."""
    if not _reproducible(c):
        return Outcome.not_measured("two fits with the same random_state differ, see code org")
    observed = c.candidate["scaled_copies"]
    factor = c.reference["scaled_copies"].number("factor")
    first = observed.array("first")
    return all_of(
        *(
            compare_values(
                observed.array(label) * scale,
                first,
                what=f"cluster_centers_ for the data times {name} (your centres at scale 1, "
                f"times {name})",
                rtol=SAME,
                atol=SAME * float(np.abs(first).max()),
            )
            for label, scale, name in (("huge", 1 / factor, "2^70"), ("tiny", factor, "2^-70"))
        ),
        *(
            all_finite(observed.array(f"{k}_inertia"), what=f"inertia_ ({k})")
            for k in ("huge", "tiny")
        ),
    )


@check(category=Category.CODE_ORGANIZATION, probes=["scaled_copies"], weight=0.5)
def same_random_state_same_result(c: CheckInput) -> Outcome:
    if _reproducible(c):
        return Outcome.passed()
    return Outcome.failed(
        "two models with the same random_state fitted on the same data have different "
        "centres: create rng = np.random.default_rng(self.random_state) in fit and draw "
        "every random number from it"
    )


@check(category=Category.CONVERGENCE_AWARENESS, probes=["stop_point"])
def stops_at_first_small_shift(c: CheckInput) -> Outcome:
    """The run stops after the first iteration whose largest centre shift is ≤ tol."""
    X, stopped = _centres(c, "stop_point", "stopped")
    tol = c.reference["stop_point"].number("tol")
    recorded = c.candidate["stop_point"].value("path")
    try:
        assert isinstance(recorded, list) and recorded
        path = [np.asarray(p, dtype=np.float64).reshape(stopped.shape) for p in recorded]
    except (AssertionError, TypeError, ValueError) as error:
        raise ObservationError("the reruns with tol < 0 gave no (k, d) centres") from error
    # The first iteration moves each centre from a sample to a mean: at least as far as from
    # that mean to the nearest sample (a lower bound, since the seeds are not observed).
    shifts = [float(np.sqrt(_distances(path[0], X).min(axis=1)).max())]
    shifts += [
        float(np.sqrt(((b - a) ** 2).sum(axis=1)).max()) for a, b in itertools.pairwise(path)
    ]

    def at(centres: np.ndarray) -> bool:
        return bool(np.allclose(stopped, centres, rtol=SAME, atol=0.0))

    if at(path[-1]):
        return Outcome.passed()
    early = next((m for m, centres in enumerate(path, 1) if at(centres)), None)
    if early is not None:
        return Outcome.failed(
            f"with tol={tol:g} your fit stopped after iteration {early}, in which the largest "
            f"centre shift was {shifts[early - 1]:.3g} > tol (data far from the origin): stop "
            "when max_j ||c_j(new) - c_j(old)|| <= tol, an absolute distance, not a relative one"
        )
    return Outcome.failed(
        f"with tol={tol:g} your centres are not those after any of the first {len(path)} "
        f"iterations (run with tol < 0 and max_iter = 1, 2, ...); iteration {len(path)} is the "
        "first whose largest centre shift is <= tol: stop there"
    )
