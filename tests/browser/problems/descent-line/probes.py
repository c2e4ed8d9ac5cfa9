import numpy as np

from sandbox.harness.probing import ProbeContext, probe


def _line(ctx: ProbeContext, name: str, n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = ctx.rng(name)
    x = rng.uniform(-1.0, 1.0, size=n)
    return x, 1.5 * x - 0.5 + 0.1 * rng.normal(size=n)


@probe(group="fit", budget_seconds=2.0, sample=True)
def fit_history(ctx: ProbeContext) -> dict[str, object]:
    x, y = _line(ctx, "fit", 200)
    model = ctx.solution.LineFit()
    returned = model.fit(x, y)
    ctx.state["model"] = model
    return {"returns_self": returned is model, "loss_history": model.loss_history}


@probe(group="fit", budget_seconds=2.0, sample=True)
def predict_holdout(ctx: ProbeContext) -> dict[str, object]:
    x, _ = _line(ctx, "holdout", 30)
    return {"predictions": ctx.state["model"].predict(x)}


@probe(group="stability", budget_seconds=2.0)
def fit_large_targets(ctx: ProbeContext) -> dict[str, object]:
    x, y = _line(ctx, "large", 100)
    # Not fit(...).predict(...): a fit() that forgets to return self loses code_organization
    # (fit_returns_self), not numerical stability too.
    model = ctx.solution.LineFit(iterations=20)
    model.fit(x, 1e100 * y)
    return {"predictions": model.predict(x)}


@probe(group="convergence", budget_seconds=2.0)
def fit_longer(ctx: ProbeContext) -> dict[str, object]:
    x, y = _line(ctx, "longer", 200)
    model = ctx.solution.LineFit(iterations=300)
    model.fit(x, y)
    return {"loss_history": model.loss_history}
