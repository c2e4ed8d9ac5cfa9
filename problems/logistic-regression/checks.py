"""Checks for logistic-regression: the loss at probabilities of exactly 0 and 1 (against the
candidate's own loss at benign ones). The interface, the fit, the history, the timing, the
loss, gradient and predictions (against the reference and the candidate's own loss) and the
other stability checks are the profile's standard and named checks (problem.yaml)."""

import math

from sandbox.checking import (
    Category,
    CheckInput,
    Outcome,
    check,
)

# The loss of exactly wrong probabilities against the loss of confidently wrong ones
# (1e-4, i.e. 9.2 per sample): clipping to [ε, 1 - ε] with 1e-40 ≤ ε ≤ 1e-4 lands here.
WRONG_RATIO = (1.0 - 1e-6, 10.0)
RIGHT_RATIO = 1e-3  # exactly right probabilities against uncertain ones (0.5): ~0
BENIGN = ("uncertain", "confidently_wrong")


@check(category=Category.NUMERICAL_STABILITY, probes=["loss_at_zero_and_one"], weight=2.0)
def loss_at_zero_and_one(c: CheckInput) -> Outcome:
    loss = {k: c.candidate["loss_at_zero_and_one"].number(k) for k in (*BENIGN, "right", "wrong")}
    if not all(math.isfinite(loss[k]) and loss[k] != 0.0 for k in BENIGN):
        return Outcome.not_measured(
            f"your loss at probabilities 0.5 and 1e-4 ({loss['uncertain']!r}, "
            f"{loss['confidently_wrong']!r}) is not a finite non-zero number to compare with"
        )
    where = "_compute_loss(probs, y) with probabilities of exactly 0 and 1 and every label"
    ratio = loss["wrong"] / loss["confidently_wrong"] if math.isfinite(loss["wrong"]) else 0.0
    if not math.isfinite(loss["right"]) or not WRONG_RATIO[0] <= ratio <= WRONG_RATIO[1]:
        return Outcome.failed(
            f"{where} right is {loss['right']:.6g}, wrong {loss['wrong']:.6g}: expected finite, "
            f"and 1 to {WRONG_RATIO[1]:g} times your loss with probabilities 1e-4 on the wrong "
            f"side ({loss['confidently_wrong']:.6g}): clip to [ε, 1 − ε], 1e-40 ≤ ε ≤ 1e-4"
        )
    if abs(loss["right"]) > RIGHT_RATIO * abs(loss["uncertain"]):
        return Outcome.failed(
            f"{where} right is {loss['right']:.6g}, but {loss['uncertain']:.6g} at probabilities "
            f"0.5: a certain, right prediction must cost about nothing (≤ {RIGHT_RATIO:g} times)"
        )
    return Outcome.passed()
