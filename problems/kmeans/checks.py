"""Checks for kmeans. Trusted side: never runs candidate code.

k-means++ draws from the generator in ways that differ between valid implementations, so
the candidate's clusters are never required to equal the reference's. Instead every
property is recomputed here from the reference's copy of the inputs and the candidate's
own outputs: labels must name the nearest of the candidate's centres, centres must be the
means of their points, inertia_ must be the sum of squared distances, and so on. Only on
well-separated blobs, where every correct run finds the same clusters, is the result
compared with the reference's (up to a permutation of the clusters).
"""

import dataclasses

import numpy as np

from sandbox.checking import (
    Category,
    CheckInput,
    ObservationError,
    Outcome,
    check,
    compare_numbers,
    fastest,
    find_sample_loops,
    loss_history,
    marginal_time_check,
    mean_of,
    no_floating_point_problems,
    non_increasing,
)

CLASS = "KMeans"
FLOAT_TYPES = ("float", "numpy.float64", "numpy.float32", "numpy.longdouble", "numpy.float16")
INT_TYPES = ("int", "numpy.int64", "numpy.int32", "numpy.intc", "numpy.uint64", "numpy.uint32")
DEFAULTS = {"n_clusters": 8, "max_iter": 300, "tol": 1e-4, "random_state": None}


# --- helpers ----------------------------------------------------------------------------


def _squared_distances(X: np.ndarray, centres: np.ndarray) -> np.ndarray:
    diff = X[:, None, :] - centres[None, :, :]
    return np.einsum("nkd,nkd->nk", diff, diff)


def _as_labels(values: np.ndarray, n: int, k: int, what: str) -> np.ndarray:
    """Labels as int64, or ObservationError saying why they are not valid cluster indices."""
    values = np.asarray(values, dtype=np.float64)
    if values.shape != (n,):
        raise ObservationError(f"{what} has shape {values.shape}, expected ({n},)")
    if not np.isfinite(values).all():
        raise ObservationError(f"{what} contains NaN or infinity")
    if not (values == np.round(values)).all():
        raise ObservationError(f"{what} contains non-integer values; labels are cluster indices")
    if values.min() < 0 or values.max() >= k:
        raise ObservationError(
            f"{what} contains {int(values.min())}…{int(values.max())}; labels must be in 0…{k - 1}"
        )
    return values.astype(np.int64)


@dataclasses.dataclass(frozen=True)
class Fit:
    X: np.ndarray  # the reference's copy of the input
    centres: np.ndarray  # the candidate's cluster_centers_
    labels: np.ndarray  # the candidate's labels_ (validated, int64)
    inertia: float  # the candidate's inertia_


def _fit(c: CheckInput, name: str) -> Fit:
    """The candidate's fitted model from probe ``name``, validated against the input."""
    reference, candidate = c.reference[name], c.candidate[name]
    X = reference.array("X")
    n, d = X.shape
    k = reference.array("cluster_centers_").shape[0]
    centres = candidate.array("cluster_centers_")
    if centres.shape != (k, d):
        raise ObservationError(
            f"{name}: cluster_centers_ has shape {centres.shape}, expected ({k}, {d})"
        )
    if not np.isfinite(centres).all():
        row = int(np.argwhere(~np.isfinite(centres))[0][0])
        raise ObservationError(
            f"{name}: cluster_centers_[{row}] is {centres[row]}: centres must stay finite "
            "(an empty cluster must keep a finite centre, see the statement)"
        )
    labels = _as_labels(candidate.array("labels_"), n, k, f"{name}: labels_")
    inertia = candidate.number("inertia_")
    return Fit(X, centres, labels, inertia)


def _tie_slack(X: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """How much worse than the nearest centre a chosen centre may be (rounding only)."""
    return 1e-9 * ((X**2).sum(axis=1) + (centres**2).sum(axis=1).max()) + 1e-12


def _nearest_problem(X: np.ndarray, centres: np.ndarray, labels: np.ndarray, what: str) -> str:
    """'' when every label names a nearest centre (ties allowed), else a message."""
    distances = _squared_distances(X, centres)
    chosen = distances[np.arange(len(X)), labels]
    best = distances.min(axis=1)
    bad = chosen > best + _tie_slack(X, centres)
    if not bad.any():
        return ""
    i = int(np.argmax(bad))
    j = int(distances[i].argmin())
    return (
        f"{what}[{i}] is {labels[i]}, but centre {j} is closer to that point (squared distance "
        f"{best[i]:.6g} instead of {chosen[i]:.6g}); {int(bad.sum())} of {len(X)} labels are "
        "not the nearest centre"
    )


def _inertia_of(fit: Fit) -> float:
    return float(((fit.X - fit.centres[fit.labels]) ** 2).sum())


def _inertia_problem(fit: Fit, what: str) -> str:
    expected = _inertia_of(fit)
    atol = 1e-9 * float((fit.X**2).sum()) + 1e-12
    outcome = compare_numbers(fit.inertia, expected, what=what, rtol=1e-6, atol=atol)
    if outcome.is_pass:
        return ""
    return (
        f"{outcome.message}: inertia_ must be the sum over samples of the squared distance to "
        "the centre in labels_ (not a mean, not unsquared distances)"
    )


def _part(c: CheckInput, name: str, test) -> Outcome:
    """Run one part of a check on probe ``name``; a bad observation fails only this part."""
    try:
        problem = test(c, name)
    except ObservationError as error:
        return Outcome.failed(str(error))
    return Outcome.failed(problem) if problem else Outcome.passed()


def _int_value(result, key: str) -> int:
    value = result.value(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ObservationError(f"'{key}' should be an int, got {result.types.get(key)}")
    return value


# --- mathematical correctness -----------------------------------------------------------


def _labels_nearest(c: CheckInput, name: str) -> str:
    fit = _fit(c, name)
    problem = _nearest_problem(fit.X, fit.centres, fit.labels, f"{name}: labels_")
    return (
        problem and problem + ". After the last update, assign every sample to its nearest centre"
    )


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["fit_blobs", "fit_lloyd"])
def labels_are_nearest_centre(c: CheckInput) -> Outcome:
    """labels_[i] names the centre of cluster_centers_ nearest to X[i]."""
    return mean_of([_part(c, name, _labels_nearest) for name in ("fit_blobs", "fit_lloyd")])


def _centres_are_means(c: CheckInput, name: str) -> str:
    fit = _fit(c, name)
    scale = float(np.abs(fit.X).max())
    for j in range(len(fit.centres)):
        members = fit.X[fit.labels == j]
        if len(members) == 0:
            continue
        mean = members.mean(axis=0)
        error = float(np.abs(fit.centres[j] - mean).max())
        if error > 1e-6 * (1.0 + scale):
            return (
                f"{name}: cluster_centers_[{j}] is {np.round(fit.centres[j], 6).tolist()} but the "
                f"mean of the {len(members)} samples labelled {j} is "
                f"{np.round(mean, 6).tolist()}: the update step must move every centre to the "
                "mean of its samples, and iterate until the centres stop moving"
            )
    return ""


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["fit_blobs", "fit_lloyd"])
def centres_are_cluster_means(c: CheckInput) -> Outcome:
    """At convergence (tol=1e-8 for fit_lloyd) each non-empty cluster's centre is its mean."""
    return mean_of([_part(c, name, _centres_are_means) for name in ("fit_blobs", "fit_lloyd")])


def _inertia_matches(c: CheckInput, name: str) -> str:
    fit = _fit(c, name)
    return _inertia_problem(fit, f"{name}: inertia_")


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["fit_blobs", "fit_lloyd"])
def inertia_is_sum_of_squared_distances(c: CheckInput) -> Outcome:
    """inertia_ equals sum_i ||x_i - c_{labels_i}||^2, recomputed from the candidate's output."""
    return mean_of([_part(c, name, _inertia_matches) for name in ("fit_blobs", "fit_lloyd")])


def _predict_nearest(c: CheckInput, name: str) -> str:
    fit = _fit(c, name)
    X_new = c.reference[name].array("X_new")
    k = len(fit.centres)
    predicted = _as_labels(c.candidate[name].array("predict"), len(X_new), k, f"{name}: predict(X)")
    return _nearest_problem(X_new, fit.centres, predicted, f"{name}: predict(X_new)")


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["fit_blobs", "fit_lloyd"])
def predict_is_nearest_centre(c: CheckInput) -> Outcome:
    """predict on unseen points returns the index of the nearest fitted centre."""
    return mean_of([_part(c, name, _predict_nearest) for name in ("fit_blobs", "fit_lloyd")])


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["fit_blobs"], weight=2.0)
def finds_well_separated_blobs(c: CheckInput) -> Outcome:
    """On four far-apart tight blobs, centres equal the reference's up to a permutation."""
    fit = _fit(c, "fit_blobs")
    expected = c.reference["fit_blobs"].array("cluster_centers_")
    reference_inertia = c.reference["fit_blobs"].number("inertia_")
    distances = np.sqrt(_squared_distances(fit.centres, expected))
    nearest = distances.argmin(axis=1)
    gap = distances[np.arange(len(nearest)), nearest]
    tolerance = 1e-6 * (1.0 + float(np.abs(fit.X).max()))
    if len(set(nearest.tolist())) < len(expected):
        missed = sorted(set(range(len(expected))) - set(nearest.tolist()))
        return Outcome.failed(
            f"two centres ended in the same blob and blob(s) around "
            f"{[np.round(expected[j], 2).tolist() for j in missed]} got none (inertia "
            f"{_inertia_of(fit):.4g}, the reference reaches {reference_inertia:.4g}): check the "
            "k-means++ initialisation (sample with probability proportional to D(x)^2)"
        )
    if gap.max() > tolerance:
        i = int(gap.argmax())
        return Outcome.failed(
            f"cluster_centers_[{i}] is {np.round(fit.centres[i], 6).tolist()}, but the mean of "
            f"its blob is {np.round(expected[nearest[i]], 6).tolist()}"
        )
    if _inertia_of(fit) > reference_inertia * (1 + 1e-6) + 1e-9:
        return Outcome.failed(
            f"inertia of your clustering is {_inertia_of(fit):.6g}, the optimum is "
            f"{reference_inertia:.6g}"
        )
    return Outcome.passed()


# --- numerical stability ----------------------------------------------------------------


def _stable_fit(c: CheckInput, name: str, *, zero_inertia: bool, what: str) -> Outcome:
    candidate = c.candidate[name]
    log = candidate.strings("fp_log")
    if log:
        return no_floating_point_problems(log, what=f"fit/predict on {what}")
    try:
        fit = _fit(c, name)
        if not np.isfinite(fit.inertia):
            return Outcome.failed(f"{what}: inertia_ is {fit.inertia}")
        problem = _nearest_problem(fit.X, fit.centres, fit.labels, f"{what}: labels_")
        if not problem:
            problem = _inertia_problem(fit, f"{what}: inertia_")
        if not problem:
            predicted = _as_labels(
                candidate.array("predict"), len(fit.X), len(fit.centres), f"{what}: predict(X)"
            )
            problem = _nearest_problem(fit.X, fit.centres, predicted, f"{what}: predict(X)")
    except ObservationError as error:
        return Outcome.failed(f"{what}: {error}")
    if problem:
        return Outcome.failed(problem)
    if zero_inertia:
        scale = float((fit.X**2).sum())
        if fit.inertia > 1e-9 * scale + 1e-12 or _inertia_of(fit) > 1e-9 * scale + 1e-12:
            return Outcome.failed(
                f"{what}: inertia_ is {fit.inertia:.6g}, expected 0: with at least as many "
                "clusters as distinct points, k-means++ picks every distinct point as a centre "
                "(points already chosen have D(x)^2 = 0, so probability 0)"
            )
    return Outcome.passed()


@check(category=Category.NUMERICAL_STABILITY, probes=["fit_duplicates"])
def duplicate_rows(c: CheckInput) -> Outcome:
    """Many identical rows: no warnings, finite centres, correct labels and inertia_."""
    return _stable_fit(c, "fit_duplicates", zero_inertia=False, what="data with duplicate rows")


@check(category=Category.NUMERICAL_STABILITY, probes=["fit_k_equals_distinct"])
def k_equals_distinct_points(c: CheckInput) -> Outcome:
    """5 distinct points repeated, k=5: inertia 0, no warnings."""
    return _stable_fit(
        c, "fit_k_equals_distinct", zero_inertia=True, what="5 distinct points with k=5"
    )


@check(category=Category.NUMERICAL_STABILITY, probes=["fit_k_exceeds_distinct"], weight=2.0)
def k_exceeds_distinct_points(c: CheckInput) -> Outcome:
    """5 distinct points, k=7: all-zero k-means++ weights and empty clusters stay finite."""
    return _stable_fit(
        c, "fit_k_exceeds_distinct", zero_inertia=True, what="5 distinct points with k=7"
    )


@check(category=Category.NUMERICAL_STABILITY, probes=["fit_large_coordinates"])
def large_coordinates(c: CheckInput) -> Outcome:
    """Coordinates around 1e6: no overflow or warnings, correct labels and inertia_."""
    return _stable_fit(
        c, "fit_large_coordinates", zero_inertia=False, what="coordinates around 1e6"
    )


# --- vectorized implementation ----------------------------------------------------------


@check(category=Category.VECTORIZED_IMPLEMENTATION, probes=["fit_blobs"])
def no_python_loops_over_samples(c: CheckInput) -> Outcome:
    """Static scan of fit and predict (loops over clusters or iterations are fine)."""
    findings = find_sample_loops(c.tree, CLASS, ["fit", "predict"])
    if findings:
        return Outcome.failed(
            "; ".join(findings)
            + ". Compute all sample-to-centre distances at once (broadcasting or "
            "||x||^2 - 2 x·c + ||c||^2) and use argmin along an axis"
        )
    return Outcome.passed()


PREDICT_TIMINGS = [f"predict_time_{size}_{i}" for i in (1, 2, 3) for size in ("n", "10n")]
FIT_TIMINGS = [f"fit_time_{size}_{i}" for i in (1, 2, 3) for size in ("n", "10n")]


def _scaling(c: CheckInput, prefix: str, what: str) -> Outcome:
    """The fastest of the three timings at n and at 10n, candidate against reference."""
    small = [f"{prefix}_n_{i}" for i in (1, 2, 3)]
    large = [f"{prefix}_10n_{i}" for i in (1, 2, 3)]
    return marginal_time_check(
        candidate_small=fastest(c.candidate, small),
        candidate_large=fastest(c.candidate, large),
        reference_small=fastest(c.reference, small),
        reference_large=fastest(c.reference, large),
        what=what,
    )


@check(category=Category.VECTORIZED_IMPLEMENTATION, probes=["timing_setup", *PREDICT_TIMINGS])
def predict_time_scales_like_vectorized_code(c: CheckInput) -> Outcome:
    """predict on 10,000 vs 100,000 points (fastest of 3 each); its labels must be right."""
    X = c.reference["timing_setup"].array("X")
    centres = c.candidate["timing_setup"].array("cluster_centers_")
    if centres.ndim != 2 or centres.shape[1] != X.shape[1] or not np.isfinite(centres).all():
        return Outcome.failed(
            f"cluster_centers_ after fit has shape {centres.shape} or is not finite"
        )
    for i in (1, 2, 3):
        predicted = _as_labels(
            c.candidate[f"predict_time_10n_{i}"].array("predict"),
            len(X),
            len(centres),
            "predict(X)",
        )
        problem = _nearest_problem(X, centres, predicted, "predict(X) on 100,000 points")
        if problem:
            return Outcome.failed(problem)
    return _scaling(c, "predict_time", "predict")


@check(category=Category.VECTORIZED_IMPLEMENTATION, probes=FIT_TIMINGS)
def fit_time_scales_like_vectorized_code(c: CheckInput) -> Outcome:
    """fit (k=2, max_iter=2, tol=-1: exactly 2 iterations) on 10,000 vs 100,000 points."""
    return _scaling(c, "fit_time", "fit")


# --- code organization ------------------------------------------------------------------


@check(category=Category.CODE_ORGANIZATION, probes=["fit_blobs"])
def fit_returns_self(c: CheckInput) -> Outcome:
    result = c.candidate["fit_blobs"]
    if result.value("fit_returned_self") is True:
        return Outcome.passed()
    return Outcome.failed(
        f"fit(X) returned {result.value('fit_returned_type')}, expected the model itself: "
        "end fit with `return self`"
    )


@check(category=Category.CODE_ORGANIZATION, probes=["fit_blobs"], weight=2.0)
def attribute_types_and_shapes(c: CheckInput) -> Outcome:
    """cluster_centers_ (k,d) float, labels_ (n,) int, inertia_ float, n_iter_ int, predict int."""
    reference, candidate = c.reference["fit_blobs"], c.candidate["fit_blobs"]
    n, d = reference.array("X").shape
    m = reference.array("X_new").shape[0]
    k = reference.array("cluster_centers_").shape[0]
    problems = []

    def array_of(key: str, shape: tuple[int, ...], kinds: str, kind_name: str) -> None:
        if candidate.types.get(key) != "numpy.ndarray":
            problems.append(f"{key} is a {candidate.types.get(key)}, expected a numpy.ndarray")
            return
        shape_seen = np.shape(candidate.value(key))
        if shape_seen != shape:
            problems.append(f"{key} has shape {shape_seen}, expected {shape}")
        dtype = candidate.dtypes.get(key, "non-numeric")
        if dtype[:1] not in kinds:
            problems.append(f"{key} has dtype {dtype}, expected {kind_name}")

    array_of("cluster_centers_", (k, d), "f", "a float dtype")
    array_of("labels_", (n,), "iu", "an integer dtype (e.g. int64)")
    array_of("predict", (m,), "iu", "an integer dtype (e.g. int64)")
    if candidate.types.get("inertia_") not in FLOAT_TYPES:
        problems.append(f"inertia_ is a {candidate.types.get('inertia_')}, expected a float")
    if candidate.types.get("n_iter_") not in INT_TYPES:
        problems.append(f"n_iter_ is a {candidate.types.get('n_iter_')}, expected an int")
    if not problems:
        return Outcome.passed()
    return Outcome.partial(1.0 - len(problems) / 5.0, "; ".join(problems))


@check(category=Category.CODE_ORGANIZATION, probes=["default_constructor"])
def constructor_defaults(c: CheckInput) -> Outcome:
    """KMeans() stores n_clusters=8, max_iter=300, tol=1e-4, random_state=None and fits."""
    result = c.candidate["default_constructor"]
    problems = []
    for name, expected in DEFAULTS.items():
        if result.value("has_" + name) is not True:
            problems.append(f"KMeans() has no attribute {name}")
            continue
        value = result.value(name)
        if expected is None:
            ok = value is None
        else:
            ok = isinstance(value, int | float) and not isinstance(value, bool)
            ok = ok and abs(float(value) - expected) <= 1e-12 * abs(expected)
        if not ok:
            problems.append(f"KMeans().{name} is {value!r}, expected {expected!r}")
    try:
        centres = result.array("cluster_centers_")
        if centres.shape != (8, 2) or not np.isfinite(centres).all():
            problems.append(
                f"KMeans().fit(X) with 2-d X gave cluster_centers_ of shape {centres.shape} "
                "(expected (8, 2), finite)"
            )
    except ObservationError as error:
        problems.append(f"KMeans().fit(X): {error}")
    if not problems:
        return Outcome.passed()
    return Outcome.partial(1.0 - len(problems) / 5.0, "; ".join(problems))


@check(category=Category.CODE_ORGANIZATION, probes=["fit_lloyd", "refit_same_random_state"])
def same_random_state_same_result(c: CheckInput) -> Outcome:
    """Two fits with the same random_state on the same data give identical results."""
    first, second = c.candidate["fit_lloyd"], c.candidate["refit_same_random_state"]
    a, b = first.array("cluster_centers_"), second.array("cluster_centers_")
    same = a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-10, atol=1e-12, equal_nan=True))
    la, lb = first.array("labels_"), second.array("labels_")
    same = same and la.shape == lb.shape and bool(np.array_equal(la, lb))
    if same:
        return Outcome.passed()
    return Outcome.failed(
        "two models with the same random_state fitted on the same data ended with different "
        "clusters: create the generator with np.random.default_rng(self.random_state) at the "
        "start of fit and draw every random number from it"
    )


# --- convergence awareness --------------------------------------------------------------


def _length_problem(history: np.ndarray, n_iter: int, what: str) -> str:
    if history.size < 1 or abs(history.size - n_iter) > 1:
        return (
            f"{what}: loss_history has {history.size} entries but n_iter_ is {n_iter}: record "
            "one inertia per iteration"
        )
    return ""


@check(category=Category.CONVERGENCE_AWARENESS, probes=["fit_lloyd"], weight=2.0)
def loss_history_per_iteration(c: CheckInput) -> Outcome:
    """One finite, non-increasing inertia per iteration, ending at or above inertia_."""
    result = c.candidate["fit_lloyd"]
    history = loss_history(result)
    n_iter = _int_value(result, "n_iter_")
    problem = _length_problem(history, n_iter, "fit_lloyd")
    if problem:
        return Outcome.failed(problem)
    outcome = non_increasing(history, what="loss_history")
    if not outcome.is_pass:
        return Outcome.failed(
            outcome.message + ": Lloyd's algorithm never increases the inertia; record it "
            "for the assignment of each iteration"
        )
    inertia = result.number("inertia_")
    if inertia > history[-1] * (1 + 1e-9) + 1e-12:
        return Outcome.failed(
            f"inertia_ is {inertia:.6g}, above the last loss_history entry {history[-1]:.6g}: "
            "the final inertia cannot be worse than any iteration's"
        )
    return Outcome.passed()


@check(category=Category.CONVERGENCE_AWARENESS, probes=["fit_blobs", "fit_large_tol"])
def stops_when_centres_settle(c: CheckInput) -> Outcome:
    """Stops well before max_iter on blobs; stops after 1 iteration when tol is huge."""
    parts = []
    n_iter = _int_value(c.candidate["fit_blobs"], "n_iter_")
    parts.append(
        Outcome.passed()
        if 1 <= n_iter < 300
        else Outcome.failed(
            f"on well-separated blobs n_iter_ is {n_iter} (max_iter=300): stop as soon as no "
            "centre moves more than tol"
        )
    )
    n_iter = _int_value(c.candidate["fit_large_tol"], "n_iter_")
    parts.append(
        Outcome.passed()
        if n_iter == 1
        else Outcome.failed(
            f"with tol=1000 (larger than any centre shift) n_iter_ is {n_iter}, expected 1: "
            "compare the largest centre shift with tol after each update"
        )
    )
    return mean_of(parts)


@check(
    category=Category.CONVERGENCE_AWARENESS,
    probes=["fit_lloyd", "fit_max_iter_1", "fit_max_iter_3"],
)
def respects_max_iter(c: CheckInput) -> Outcome:
    """max_iter=1 and 3 stop there; the history is the full run's, cut short."""
    full = c.candidate["fit_lloyd"]
    full_iter = _int_value(full, "n_iter_")
    full_history = loss_history(full)
    parts = []
    for name, limit in (("fit_max_iter_1", 1), ("fit_max_iter_3", 3)):
        result = c.candidate[name]
        n_iter = _int_value(result, "n_iter_")
        expected = min(limit, full_iter)
        if n_iter != expected:
            parts.append(
                Outcome.failed(
                    f"with max_iter={limit} n_iter_ is {n_iter}, expected {expected} (the same "
                    f"data and random_state without the limit took {full_iter} iterations)"
                )
            )
            continue
        history = loss_history(result)
        problem = _length_problem(history, n_iter, f"max_iter={limit}")
        if problem:
            parts.append(Outcome.failed(problem))
            continue
        m = min(n_iter, history.size, full_history.size)
        if not np.allclose(history[:m], full_history[:m], rtol=1e-9, atol=1e-12):
            parts.append(
                Outcome.failed(
                    f"with max_iter={limit} loss_history starts {np.round(history[:m], 6).tolist()}"
                    f" but without the limit it starts {np.round(full_history[:m], 6).tolist()}"
                )
            )
            continue
        parts.append(Outcome.passed())
    return mean_of(parts)
