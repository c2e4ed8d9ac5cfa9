"""Checks for truncated-svd. Singular vectors are defined up to their sign, so the
mathematics is compared up to each component's sign (transform's columns following the
candidate's own components); the stated sign convention is code organization's. The
interface and the timing are the profile's standard checks."""

import numpy as np

from sandbox.checking import (
    Category,
    CheckInput,
    Outcome,
    aligning_signs,
    all_finite,
    all_of,
    check,
    compare_up_to_sign,
    compare_values,
    mean_of,
)

FIT = "fit_and_project"
WIDE = "fit_wide"
STANDARD_FIT, COMPONENTS = "standard_fit_standard", "attribute:components_"
EXTREME = "extreme_scales"
RTOL, ATOL = 1e-6, 1e-9
SCALED = 1e-9  # relative: a matrix times a power of two has exactly scaled singular values


def _transform_with_own_signs(c: CheckInput) -> np.ndarray:
    """The candidate's transform with each column multiplied by the sign that aligns its
    component with the reference's (so a consistent flip compares equal)."""
    observed, expected = c.candidate[FIT], c.reference[FIT]
    components, reference = observed.array("components_"), expected.array("components_")
    transformed, shape = observed.array("transform"), expected.array("transform").shape
    if components.size != reference.size or transformed.size != np.prod(shape):
        return transformed
    signs = aligning_signs(components.reshape(reference.shape), reference)
    flipped: np.ndarray = transformed.reshape(shape) * signs
    return flipped


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=[FIT], weight=3.0)
def decomposition_matches_reference(c: CheckInput) -> Outcome:
    """components_ (up to sign), singular_values_, explained_variance_ and its ratio,
    transform of new rows, and the round trip, on an 80 x 6 matrix with k=3."""
    observed, expected = c.candidate[FIT], c.reference[FIT]
    n = int(expected.number("n"))
    parts = [
        compare_up_to_sign(
            observed.array("components_"),
            expected.array("components_"),
            what="components_ (each up to its sign)",
            rtol=RTOL,
            atol=ATOL,
        ),
        *(
            compare_values(observed.array(key), expected.array(key), what=key, rtol=RTOL, samples=n)
            for key in ("singular_values_", "explained_variance_", "explained_variance_ratio_")
        ),
        compare_values(
            _transform_with_own_signs(c),
            expected.array("transform"),
            what="transform(X_new) (its columns taking the signs of your components_)",
            rtol=RTOL,
            atol=ATOL,
        ),
        compare_values(
            observed.array("round_trip"),
            expected.array("round_trip"),
            what="inverse_transform(transform(X_new))",
            rtol=RTOL,
            atol=ATOL,
        ),
    ]
    return mean_of(parts)


@check(category=Category.CODE_ORGANIZATION, probes=[FIT, WIDE, STANDARD_FIT])
def sign_convention(c: CheckInput) -> Outcome:
    """Each component's entry of largest magnitude is positive, on three fits (12
    components: signs left to chance pass with probability 1/4096)."""
    for name, key in ((FIT, "components_"), (WIDE, "components_"), (STANDARD_FIT, COMPONENTS)):
        components = np.atleast_2d(c.candidate[name].array(key))
        if not np.isfinite(components).all():
            return Outcome.not_measured("components_ holds NaN or infinity (see the other checks)")
        largest = components[np.arange(len(components)), np.abs(components).argmax(axis=1)]
        if (largest < 0).any():
            return Outcome.failed(
                f"components_[{int(np.argmax(largest < 0))}]'s entry of largest magnitude is "
                "negative: flip every component (and its transform column) so that it is positive"
            )
    return Outcome.passed()


@check(category=Category.CODE_ORGANIZATION, probes=[FIT], weight=0.5)
def inverse_transform_shape(c: CheckInput) -> Outcome:
    shape = c.candidate[FIT].array("round_trip").shape
    if shape == c.reference[FIT].array("round_trip").shape:
        return Outcome.passed()
    return Outcome.failed(f"inverse_transform(Z) has shape {shape}, expected (m, d) = (20, 6)")


@check(category=Category.NUMERICAL_STABILITY, probes=[EXTREME])
def same_decomposition_at_extreme_scales(c: CheckInput) -> Outcome:
    """X times 2^600 and 2^-600 (exact): your components of X (up to sign) and your singular
    values times the factor. X^T X holds 2^1200 or 2^-1200: it overflows or underflows."""
    observed, expected = c.candidate[EXTREME], c.reference[EXTREME]
    plain = observed.array("plain:components_")
    related = compare_up_to_sign(
        plain, expected.array("plain:components_"), what="components_", rtol=1e-3, atol=1e-6
    )
    if not related.is_pass:
        return Outcome.not_measured(
            "not measured: your components at scale 1 are not X's singular vectors "
            "(see mathematical_correctness)"
        )
    scale = expected.number("scale")
    reference_shape = expected.array("plain:components_").shape
    parts = []
    for label, factor, name in (("huge", scale, "2^600"), ("tiny", 1.0 / scale, "2^-600")):
        components = observed.array(f"{label}:components_")
        values = observed.array(f"{label}:singular_values_")
        parts += [
            all_finite(components, what=f"components_ for X times {name}"),
            all_finite(values, what=f"singular_values_ for X times {name}"),
            compare_up_to_sign(
                components,
                plain.reshape(reference_shape) if plain.size == components.size else plain,
                what=f"components_ for X times {name} (your components for X, up to sign)",
                rtol=SCALED,
                atol=SCALED,
            ),
            compare_values(
                values / factor,
                observed.array("plain:singular_values_"),
                what=f"singular_values_ for X times {name}, divided by {name} (yours for X)",
                rtol=SCALED,
                atol=0.0,
            ),
        ]
    return all_of(*parts)
