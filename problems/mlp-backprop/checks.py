"""Checks for mlp-backprop: the forward pass against the reference, backprop against the
candidate's own loss, and softmax stability (the candidate against itself). The loss and
the gradients against the reference are named checks (problem.yaml); the interface, the
fit, the history and the timing are the profile's standard checks."""

import numpy as np

from sandbox.checking import (
    Category,
    CheckInput,
    Outcome,
    all_finite,
    all_of,
    check,
    compare_values,
    gradient_check,
    proportional_factor,
    same_loss_as_elsewhere,
    unless_related,
)

EXACT = 1e-6
SAME = 1e-8  # the same candidate on inputs whose answer is the same up to rounding
NAMES = ("W1", "b1", "W2", "b2")  # as in probes.py
MARGINS = ("50", "150", "1050")


@check(
    category=Category.MATHEMATICAL_CORRECTNESS,
    probes=["gradient_finite_difference", "loss_value"],
    weight=2.0,
)
def gradients_consistent_with_own_loss(c: CheckInput) -> Outcome:
    observed = c.candidate["gradient_finite_difference"]
    # The slopes were taken in a random subspace: the gradient's components there.
    gradient = c.reference["gradient_finite_difference"].array("basis").T @ np.concatenate(
        [observed.array(name).ravel() for name in NAMES]
    )
    factor = proportional_factor(
        c.candidate["loss_value"].array("loss"), c.reference["loss_value"].array("loss"), rtol=1e-9
    )
    return all_of(
        same_loss_as_elsewhere(observed, c.reference["gradient_finite_difference"], factor),
        gradient_check(gradient, observed, what="(dW1, db1, dW2, db2)"),
    )


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["forward_given_parameters"])
def forward_matches_reference(c: CheckInput) -> Outcome:
    candidate = c.candidate["forward_given_parameters"]
    reference = c.reference["forward_given_parameters"]
    return all_of(
        compare_values(
            candidate.array("proba"),
            reference.array("proba"),
            rtol=EXACT,
            atol=1e-12,
            what="predict_proba(X) with W1, b1, W2, b2 set",
        ),
        compare_values(
            candidate.array("labels"),
            reference.array("labels"),
            rtol=0.0,
            atol=0.0,
            what="predict(X) with W1, b1, W2, b2 set (the most probable class)",
        ),
    )


def _forward_related(c: CheckInput) -> Outcome | None:
    """Stability is measured on a forward pass that computes the right loss and
    probabilities (up to a constant factor): consistent garbage earns nothing here."""
    for key, what in (("plain_proba", "predict_proba(X)"), ("plain_loss", "_compute_loss(X, y)")):
        gate = unless_related(
            c.candidate["shifted_logits"].array(key),
            c.reference["shifted_logits"].array(key),
            what=what,
        )
        if gate is not None:
            return gate
    return None


@check(category=Category.NUMERICAL_STABILITY, probes=["shifted_logits"], weight=2.0)
def shifted_logits_change_nothing(c: CheckInput) -> Outcome:
    if gate := _forward_related(c):
        return gate
    observed = c.candidate["shifted_logits"]
    parts = []
    for label, sign in (("up", "+"), ("down", "-")):
        for key, what in (
            ("loss", "_compute_loss"),
            ("proba", "predict_proba"),
            *((n, f"d{n}") for n in NAMES),
        ):
            parts.append(
                compare_values(
                    observed.array(f"{label}_{key}"),
                    observed.array(f"plain_{key}"),
                    what=f"{what} with {sign}1024 added to every logit (through b2; your "
                    "value without it: softmax does not change when every logit moves alike)",
                    rtol=SAME,
                    atol=1e-10,
                )
            )
    return all_of(*parts)


@check(category=Category.NUMERICAL_STABILITY, probes=["huge_margin", "shifted_logits"])
def huge_margin_loss_is_exact(c: CheckInput) -> Outcome:
    if gate := _forward_related(c):
        return gate
    observed = c.candidate["huge_margin"]
    near, mid, far = (observed.number(f"loss_{m}") for m in MARGINS)
    finite = all_finite(
        np.array([near, mid, far]), what="_compute_loss with a lead of 50, 150, 1050"
    )
    if not finite.is_pass:
        return Outcome.failed(
            f"{finite.message}: compute log-probabilities as z - logsumexp(z) (never log of a "
            "probability that can underflow to 0)"
        )
    ratio = (far - near) / (mid - near) if mid != near else float("nan")
    if not np.isclose(ratio, 10.0, rtol=1e-6, atol=0.0):
        return Outcome.failed(
            f"with one class's logit ahead by 50, 150 and 1050 your loss is {near:.6g}, "
            f"{mid:.6g}, {far:.6g}: past saturation it must grow linearly with the lead "
            f"(the 1000 extra must add 10 times what the 100 extra added, not {ratio:.4g}); "
            "a probability clipped or underflowing to 0 loses it: use z - logsumexp(z)"
        )
    return all_of(
        *(
            compare_values(
                observed.array(f"{name}_1050"),
                observed.array(f"{name}_50"),
                what=f"d{name} with a lead of 1050 (your value with a lead of 50, where the "
                "softmax is already saturated)",
                rtol=SAME,
                atol=1e-12,
            )
            for name in NAMES
        )
    )
