"""activation-functions' own check: leaky_relu's default alpha (the interface). Every
other check is the layer profile's (values, derivatives against finite differences of the
candidate's own activations, shapes and dtypes, saturated inputs, timing)."""

from sandbox.checking import Category, CheckInput, Outcome, check, compare_values

DEFAULT_ALPHA = "leaky_relu_default_alpha"


@check(category=Category.CODE_ORGANIZATION, probes=[DEFAULT_ALPHA], weight=0.5)
def leaky_relu_default_alpha_is_0_01(c: CheckInput) -> Outcome:
    """Called without alpha, leaky_relu and its derivative give what the same code gives
    with alpha=0.01: the default, whatever the formula (values are the profile's)."""
    observed = c.candidate[DEFAULT_ALPHA]
    for key, what in (("forward", "leaky_relu(x)"), ("derivative", "leaky_relu_derivative(x)")):
        outcome = compare_values(
            observed.array(key),
            observed.array(f"{key}_0.01"),
            what=f"{what} without alpha",
            rtol=1e-12,
            atol=0.0,
        )
        if not outcome.is_pass:
            return Outcome.failed(
                f"{outcome.message} (your own value with alpha=0.01): the default alpha is 0.01"
            )
    return Outcome.passed()
