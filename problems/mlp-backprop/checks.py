"""Checks for mlp-backprop: the loss at a huge margin (the candidate against itself). The
loss, the gradients and the forward pass against the reference, backprop against the
candidate's own loss and stability under shifted logits are named checks (problem.yaml);
the interface, the fit, the history and the timing are the profile's standard checks."""

import numpy as np

from sandbox.checking import (
    Category,
    CheckInput,
    Outcome,
    all_finite,
    all_of,
    check,
    compare_values,
)
from sandbox.named_checks import unless_computed_right

SAME = 1e-8  # the same candidate on inputs whose answer is the same up to rounding
NAMES = ("W1", "b1", "W2", "b2")  # as in probes.py
MARGINS = ("50", "150", "1050")
# Stability is measured on a forward pass that computes the right loss and probabilities
# (up to a constant factor): consistent garbage earns nothing here.
FORWARD = {"shifted_logits": ["plain_proba", "plain_loss"]}


@check(category=Category.NUMERICAL_STABILITY, probes=["huge_margin", "shifted_logits"])
def huge_margin_loss_is_exact(c: CheckInput) -> Outcome:
    if gate := unless_computed_right(c, FORWARD):
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
