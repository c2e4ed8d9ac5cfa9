"""optimizers-sgd-adam's own checks: the defaults (the interface) and Adam on coordinates
whose gradient is always 0 (stability). The trajectories, their shapes and the timing are
the layer profile's."""

import numpy as np

from sandbox.checking import (
    Category,
    CheckInput,
    Outcome,
    all_finite,
    all_of,
    check,
    compare_values,
    unless_related,
)

DEFAULTS, ZERO = "default_hyperparameters", "adam_zero_gradients"


@check(category=Category.CODE_ORGANIZATION, probes=[DEFAULTS], weight=0.5)
def defaults_as_stated(c: CheckInput) -> Outcome:
    """Without hyperparameters each function gives what the same code gives with the
    statement's defaults (the values themselves are the profile's business)."""
    observed = c.candidate[DEFAULTS]
    for key, call in (("sgd", "sgd_momentum(w, grads)"), ("adam", "adam(w, grads)")):
        outcome = compare_values(
            observed.array(key), observed.array(f"{key}_given"), what=call, rtol=1e-12, atol=0.0
        )
        if not outcome.is_pass:
            return Outcome.failed(
                f"{outcome.message} (your own value with the defaults given): use the "
                "statement's defaults"
            )
    return Outcome.passed()


@check(category=Category.NUMERICAL_STABILITY, probes=[ZERO])
def adam_with_zero_gradients(c: CheckInput) -> Outcome:
    """Coordinates whose gradient is always 0 stay where they are (finite); the others move
    as in the same code's run without zeros (Adam is coordinate-wise)."""
    observed = c.candidate[ZERO]
    gate = unless_related(
        observed.array("benign"), c.reference[ZERO].array("benign"), what="adam(w, grads)"
    )
    if gate is not None:
        return gate
    zero = c.reference[ZERO].array("zero").astype(bool)
    extreme = observed.array("extreme")
    steps = c.reference[ZERO].array("extreme").shape
    what = "adam(w, grads) with some gradients always 0"
    finite = all_finite(extreme, what=what)
    if not finite.is_pass or extreme.size != int(np.prod(steps)):
        return finite if not finite.is_pass else Outcome.failed(f"{what} has the wrong size")
    extreme = extreme.reshape(steps)
    benign = observed.array("benign").reshape(steps)
    start = np.broadcast_to(c.reference[ZERO].array("w"), steps)
    return all_of(
        compare_values(
            extreme[:, zero],
            start[:, zero],
            what=f"{what}: a zero-gradient coordinate",
            rtol=0.0,
            atol=1e-12,
        ),
        compare_values(
            extreme[:, ~zero],
            benign[:, ~zero],
            what=f"{what}: another coordinate",
            rtol=1e-12,
            atol=1e-12,
        ),
    )
