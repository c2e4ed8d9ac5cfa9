from sandbox.checking import (
    Category,
    CheckInput,
    Outcome,
    all_finite,
    check,
    compare_arrays,
    find_sample_loops,
    non_increasing,
)


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["fit_history", "predict_holdout"])
def predictions_match(c: CheckInput) -> Outcome:
    return compare_arrays(
        c.candidate["predict_holdout"].array("predictions"),
        c.reference["predict_holdout"].array("predictions"),
        what="predict(x)",
    )


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["fit_history"])
def loss_history_matches(c: CheckInput) -> Outcome:
    return compare_arrays(
        c.candidate["fit_history"].array("loss_history"),
        c.reference["fit_history"].array("loss_history"),
        what="loss_history",
    )


@check(category=Category.VECTORIZED_IMPLEMENTATION, probes=["fit_history"])
def no_sample_loops(c: CheckInput) -> Outcome:
    found = find_sample_loops(c.tree, "LineFit", ["fit", "predict"])
    return Outcome.failed("; ".join(found)) if found else Outcome.passed()


@check(category=Category.NUMERICAL_STABILITY, probes=["fit_large_targets"])
def large_targets(c: CheckInput) -> Outcome:
    return all_finite(
        c.candidate["fit_large_targets"].array("predictions"),
        what="predict() after fit on 1e100 targets",
    )


@check(category=Category.CODE_ORGANIZATION, probes=["fit_history"])
def fit_returns_self(c: CheckInput) -> Outcome:
    ok = c.candidate["fit_history"].value("returns_self") is True
    return (
        Outcome.passed() if ok else Outcome.failed("fit() must return self so calls can be chained")
    )


@check(category=Category.CONVERGENCE_AWARENESS, probes=["fit_longer"])
def loss_decreases(c: CheckInput) -> Outcome:
    return non_increasing(c.candidate["fit_longer"].array("loss_history"), what="loss_history")
