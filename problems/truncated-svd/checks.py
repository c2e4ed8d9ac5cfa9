"""Checks for truncated-svd. Singular vectors are defined up to their sign, so the
mathematics is compared up to each component's sign (transform's columns following the
candidate's own components); the stated sign convention is code organization's
(``sandbox.subspace_checks``, shared with pca). The interface and the timing are the
profile's standard checks."""

from sandbox.checking import Category, CheckInput, Outcome, check, mean_of
from sandbox.subspace_checks import (
    decomposition_parts,
    follows_sign_convention,
    same_as_own_at_both_scales,
    unless_same_components,
)

FIT = "fit_and_project"
WIDE = "fit_wide"
STANDARD_FIT, COMPONENTS = "standard_fit_standard", "attribute:components_"
EXTREME = "extreme_scales"
SCALED = 1e-9  # relative: a matrix times a power of two has exactly scaled singular values
VALUES = ("singular_values_", "explained_variance_", "explained_variance_ratio_")


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=[FIT], weight=3.0)
def decomposition_matches_reference(c: CheckInput) -> Outcome:
    """components_ (up to sign), singular_values_, explained_variance_ and its ratio,
    transform of new rows, and the round trip, on an 80 x 6 matrix with k=3."""
    return mean_of(decomposition_parts(c, FIT, VALUES, samples=int(c.reference[FIT].number("n"))))


@check(category=Category.CODE_ORGANIZATION, probes=[FIT, WIDE, STANDARD_FIT])
def sign_convention(c: CheckInput) -> Outcome:
    """Each component's entry of largest magnitude is positive, on three fits (12
    components: signs left to chance pass with probability 1/4096)."""
    places = [(FIT, "components_"), (WIDE, "components_"), (STANDARD_FIT, COMPONENTS)]
    return follows_sign_convention(c, places)


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
    if gate := unless_same_components(c, EXTREME, "at scale 1 are not X's singular vectors"):
        return gate
    powers = {"singular_values_": 1}
    return same_as_own_at_both_scales(c, EXTREME, data="X", powers=powers, rtol=SCALED)
