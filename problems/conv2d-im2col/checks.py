"""conv2d-im2col's own check: the defaults stride=1, padding=0 (the interface). Every other
check is the layer profile's (outputs and gradients against the reference and against
finite differences of the candidate's own convolution, shapes and dtypes, huge values,
timing)."""

from sandbox.checking import Category, CheckInput, Outcome, check, compare_values

DEFAULTS = "default_stride_and_padding"


@check(category=Category.CODE_ORGANIZATION, probes=[DEFAULTS], weight=0.5)
def default_stride_1_padding_0(c: CheckInput) -> Outcome:
    """Without stride and padding, conv2d_forward gives what the same code gives with
    stride=1, padding=0 (the values themselves are the profile's business)."""
    observed = c.candidate[DEFAULTS]
    outcome = compare_values(
        observed.array("defaults"),
        observed.array("explicit"),
        what="conv2d_forward(x, w, b) without stride and padding",
        rtol=1e-12,
        atol=0.0,
    )
    if outcome.is_pass:
        return outcome
    return Outcome.failed(
        f"{outcome.message} (your own value with stride=1, padding=0): those are the defaults"
    )
