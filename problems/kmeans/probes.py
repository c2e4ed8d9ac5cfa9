"""Probes for kmeans. They record raw outputs only; checks.py decides.

Every input a check needs is returned as an observation, and checks read it from the
reference's side. Fitted attributes are read with getattr so that a missing attribute
fails only the checks about it, not the whole probe.
"""

import numpy as np

from sandbox.harness.probing import ProbeContext, probe, watch_floating_point

FITTED = ("cluster_centers_", "labels_", "inertia_", "n_iter_")


def _seed_from(rng):
    return int(rng.integers(2**31 - 1))


def _blob_centres(rng, k, d, box, min_gap):
    """k centres in [-box, box]^d, pairwise at least min_gap apart."""
    while True:
        centres = rng.uniform(-box, box, size=(k, d))
        gaps = np.sqrt(((centres[:, None, :] - centres[None, :, :]) ** 2).sum(axis=-1))
        if gaps[np.triu_indices(k, 1)].min() >= min_gap:
            return centres


def _around(rng, centres, per_cluster, spread):
    k, d = centres.shape
    which = np.repeat(np.arange(k), per_cluster)
    points = centres[which] + spread * rng.normal(size=(k * per_cluster, d))
    return points[rng.permutation(k * per_cluster)]


def _fitted(model):
    """The fitted attributes as they are, and loss_history as floats."""
    out = {name: getattr(model, name, None) for name in FITTED}
    history = getattr(model, "loss_history", None)
    if history is not None:
        try:
            history = np.asarray(history, dtype=np.float64).ravel()
        except (TypeError, ValueError):
            history = str(type(history).__name__)
    out["loss_history"] = history
    return out


def _blobs_data(ctx):
    rng = ctx.rng("blobs")
    centres = _blob_centres(rng, 4, 2, 100.0, 50.0)
    X = _around(rng, centres, 50, 0.05)
    X_new = _around(rng, centres, 10, 0.05) + rng.uniform(-1.0, 1.0, size=(40, 2))
    return X, X_new, _seed_from(rng)


@probe(group="blobs", budget_seconds=5.0, sample=True)
def fit_blobs(ctx: ProbeContext):
    """Four well-separated blobs, k=4, default tol and max_iter; predict on new points."""
    X, X_new, seed = _blobs_data(ctx)
    model = ctx.solution.KMeans(n_clusters=4, random_state=seed)
    returned = model.fit(X.copy())
    predicted = model.predict(X_new.copy())
    return {
        "X": X,
        "X_new": X_new,
        "fit_returned_self": returned is model,
        "fit_returned_type": type(returned).__name__,
        "predict": predicted,
        **_fitted(model),
    }


def _lloyd_data(ctx):
    """Overlapping clusters: Lloyd needs several iterations to settle."""
    rng = ctx.rng("lloyd")
    centres = rng.normal(scale=2.0, size=(6, 3))
    X = _around(rng, centres, 50, 1.0)
    X_new = rng.normal(scale=3.0, size=(60, 3))
    return X, X_new, _seed_from(rng)


@probe(group="lloyd", budget_seconds=5.0, sample=True)
def fit_lloyd(ctx: ProbeContext):
    """300 points in 3-d from 6 overlapping Gaussians, k=5, tol=1e-8."""
    X, X_new, seed = _lloyd_data(ctx)
    model = ctx.solution.KMeans(n_clusters=5, tol=1e-8, random_state=seed)
    model.fit(X.copy())
    predicted = model.predict(X_new.copy())
    return {"X": X, "X_new": X_new, "predict": predicted, **_fitted(model)}


@probe(group="lloyd", budget_seconds=5.0)
def refit_same_random_state(ctx: ProbeContext):
    """A new model with the same random_state on the same data must give the same result."""
    X, _, seed = _lloyd_data(ctx)
    model = ctx.solution.KMeans(n_clusters=5, tol=1e-8, random_state=seed)
    model.fit(X.copy())
    return _fitted(model)


@probe(group="convergence", budget_seconds=5.0)
def fit_max_iter_1(ctx: ProbeContext):
    X, _, seed = _lloyd_data(ctx)
    model = ctx.solution.KMeans(n_clusters=5, tol=1e-8, max_iter=1, random_state=seed)
    model.fit(X.copy())
    return _fitted(model)


@probe(group="convergence", budget_seconds=5.0)
def fit_max_iter_3(ctx: ProbeContext):
    X, _, seed = _lloyd_data(ctx)
    model = ctx.solution.KMeans(n_clusters=5, tol=1e-8, max_iter=3, random_state=seed)
    model.fit(X.copy())
    return _fitted(model)


@probe(group="convergence", budget_seconds=5.0)
def fit_large_tol(ctx: ProbeContext):
    """tol larger than any possible centre shift: one iteration must be enough."""
    X, _, seed = _lloyd_data(ctx)
    model = ctx.solution.KMeans(n_clusters=5, tol=1e3, random_state=seed)
    model.fit(X.copy())
    return _fitted(model)


@probe(group="defaults", budget_seconds=5.0)
def default_constructor(ctx: ProbeContext):
    """KMeans() with no arguments: its hyperparameters, then a fit with them."""
    rng = ctx.rng("defaults")
    X = rng.normal(size=(200, 2))
    model = ctx.solution.KMeans()
    out = {}
    for name in ("n_clusters", "max_iter", "tol", "random_state"):
        out["has_" + name] = hasattr(model, name)
        out[name] = getattr(model, name, None)
        out[name + "_type"] = type(getattr(model, name, None)).__name__
    model.fit(X.copy())
    return {"X": X, **out, **_fitted(model)}


def _watched_fit(ctx, X, k, seed):
    model = ctx.solution.KMeans(n_clusters=k, random_state=seed)
    with watch_floating_point() as log:
        model.fit(X.copy())
        predicted = model.predict(X.copy())
    return {"X": X, "predict": predicted, "fp_log": list(log), **_fitted(model)}


@probe(group="stability_duplicates", budget_seconds=5.0)
def fit_duplicates(ctx: ProbeContext):
    """Two points repeated 100 and 60 times, plus 40 scattered points; k=4."""
    rng = ctx.rng("duplicates")
    a, b = rng.normal(scale=5.0, size=(2, 3))
    X = np.vstack([np.tile(a, (100, 1)), np.tile(b, (60, 1)), rng.normal(scale=5.0, size=(40, 3))])
    X = X[rng.permutation(len(X))]
    return _watched_fit(ctx, X, 4, _seed_from(rng))


def _few_distinct(ctx):
    rng = ctx.rng("few_distinct")
    points = rng.normal(scale=10.0, size=(5, 2))
    X = points[rng.permutation(np.repeat(np.arange(5), 20))]
    return X, _seed_from(rng)


@probe(group="stability_few_distinct", budget_seconds=5.0)
def fit_k_equals_distinct(ctx: ProbeContext):
    """5 distinct points, each repeated 20 times; k=5."""
    X, seed = _few_distinct(ctx)
    return _watched_fit(ctx, X, 5, seed)


@probe(group="stability_few_distinct", budget_seconds=5.0, sample=True)
def fit_k_exceeds_distinct(ctx: ProbeContext):
    """The same 5 distinct points; k=7 (k-means++ runs out of positive distances)."""
    X, seed = _few_distinct(ctx)
    return _watched_fit(ctx, X, 7, seed + 1)


@probe(group="stability_scale", budget_seconds=5.0)
def fit_large_coordinates(ctx: ProbeContext):
    """Three blobs with coordinates around 1e6."""
    rng = ctx.rng("large")
    centres = _blob_centres(rng, 3, 2, 2e6, 5e5)
    X = _around(rng, centres, 60, 1e3)
    return _watched_fit(ctx, X, 3, _seed_from(rng))


# --- timing: predict and fit at n and 10n samples --------------------------------------
# One feature and two clusters keep the vectorized cost per sample tiny (tens of ns), while
# a Python loop over samples costs microseconds per sample whatever k and d are. Each
# measurement is taken three times (three probes); checks use the fastest of the three, as
# interruptions only ever add time.

PREDICT_N = 10_000
FIT_N = 10_000


@probe(group="timing", budget_seconds=10.0)
def timing_setup(ctx: ProbeContext):
    """Untimed: a fitted model and the inputs for the timed probes."""
    rng = ctx.rng("timing")
    model = ctx.solution.KMeans(n_clusters=2, random_state=0)
    model.fit(np.concatenate([rng.normal(-5.0, 1.0, (50, 1)), rng.normal(5.0, 1.0, (50, 1))]))
    ctx.state["model"] = model
    ctx.state["predict_n"] = rng.uniform(-10.0, 10.0, size=(PREDICT_N, 1))
    ctx.state["predict_10n"] = rng.uniform(-10.0, 10.0, size=(10 * PREDICT_N, 1))
    ctx.state["fit_n"] = rng.uniform(-10.0, 10.0, size=(FIT_N, 1))
    ctx.state["fit_10n"] = rng.uniform(-10.0, 10.0, size=(10 * FIT_N, 1))
    return {
        "cluster_centers_": getattr(model, "cluster_centers_", None),
        "X": ctx.state["predict_10n"],
    }


def _time_predict(ctx, size):
    return {"predict": ctx.state["model"].predict(ctx.state[f"predict_{size}"])}


def _time_fit(ctx, size):
    """Exactly 2 Lloyd iterations: tol=-1 never stops early."""
    model = ctx.solution.KMeans(n_clusters=2, max_iter=2, tol=-1.0, random_state=1)
    model.fit(ctx.state[f"fit_{size}"])
    return {}


@probe(group="timing", budget_seconds=5.0)
def predict_time_n_1(ctx: ProbeContext):
    return _time_predict(ctx, "n")


@probe(group="timing", budget_seconds=10.0)
def predict_time_10n_1(ctx: ProbeContext):
    return _time_predict(ctx, "10n")


@probe(group="timing", budget_seconds=5.0)
def predict_time_n_2(ctx: ProbeContext):
    return _time_predict(ctx, "n")


@probe(group="timing", budget_seconds=10.0)
def predict_time_10n_2(ctx: ProbeContext):
    return _time_predict(ctx, "10n")


@probe(group="timing", budget_seconds=5.0)
def predict_time_n_3(ctx: ProbeContext):
    return _time_predict(ctx, "n")


@probe(group="timing", budget_seconds=10.0)
def predict_time_10n_3(ctx: ProbeContext):
    return _time_predict(ctx, "10n")


@probe(group="timing", budget_seconds=5.0)
def fit_time_n_1(ctx: ProbeContext):
    return _time_fit(ctx, "n")


@probe(group="timing", budget_seconds=10.0)
def fit_time_10n_1(ctx: ProbeContext):
    return _time_fit(ctx, "10n")


@probe(group="timing", budget_seconds=5.0)
def fit_time_n_2(ctx: ProbeContext):
    return _time_fit(ctx, "n")


@probe(group="timing", budget_seconds=10.0)
def fit_time_10n_2(ctx: ProbeContext):
    return _time_fit(ctx, "10n")


@probe(group="timing", budget_seconds=5.0)
def fit_time_n_3(ctx: ProbeContext):
    return _time_fit(ctx, "n")


@probe(group="timing", budget_seconds=10.0)
def fit_time_10n_3(ctx: ProbeContext):
    return _time_fit(ctx, "10n")
