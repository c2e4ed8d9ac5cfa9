"""Checks for pca. A principal axis is defined up to its sign, so the mathematics is
compared up to the sign of each component (and of the matching transform column); the
stated sign convention is code organization's, like any other output convention
(``sandbox.subspace_checks``, shared with truncated-svd). Interface and timing are the
profile's standard checks."""

from sandbox.checking import (
    Category,
    CheckInput,
    Outcome,
    check,
    compare_values,
    mean_of,
    shape_check,
)
from sandbox.subspace_checks import (
    decomposition_parts,
    follows_sign_convention,
    same_as_own_at_both_scales,
    same_as_own_plain_fit,
    unless_same_components,
)

FITS = ("fit_three_of_six", "fit_all_components")
STANDARD_FIT = "standard_fit_standard"
EXACT = 1e-7
STABLE = "shifted_and_scaled"
SHIFTED = 1e-6  # relative: a fit 2^26 from the origin against the same fit near it
SCALED = 1e-9  # relative: scaling by a power of two is exact
VALUES = ("explained_variance_", "explained_variance_ratio_", "singular_values_")
POWERS = {"explained_variance_": 2, "explained_variance_ratio_": 0, "singular_values_": 1}
NOT_THE_AXES = "near the origin are not the principal axes"


def _fit_parts(c: CheckInput, name: str) -> list[Outcome]:
    observed, expected = c.candidate[name], c.reference[name]
    parts = [
        compare_values(observed.array("mean_"), expected.array("mean_"), what="mean_", rtol=EXACT),
        *decomposition_parts(c, name, VALUES, samples=len(expected.array("X"))),
    ]
    return [
        Outcome(p.score, f"{name}: {p.message}" if p.message else "", p.measured) for p in parts
    ]


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=FITS, weight=3.0)
def fitted_pca_matches_reference(c: CheckInput) -> Outcome:
    """mean_, components_ (up to sign), the variances, ratios and singular values, transform
    and the round trip, on 80 samples in 6-d (k=3) and on 50 in 4-d (k=None)."""
    return mean_of([part for name in FITS for part in _fit_parts(c, name)])


@check(category=Category.CODE_ORGANIZATION, probes=[*FITS, STANDARD_FIT])
def sign_convention(c: CheckInput) -> Outcome:
    """Each component's entry of largest magnitude is positive: three fits, 10 components
    (signs left to chance pass with probability 1/1024)."""
    places = [(FITS[0], "components_"), (FITS[1], "components_")]
    return follows_sign_convention(c, [*places, (STANDARD_FIT, "attribute:components_")])


@check(category=Category.CODE_ORGANIZATION, probes=["fit_three_of_six"], weight=0.5)
def inverse_transform_shape(c: CheckInput) -> Outcome:
    return shape_check(
        c.candidate["fit_three_of_six"].array("round_trip").shape,
        c.reference["fit_three_of_six"].array("round_trip").shape,
        "inverse_transform(Z)",
    )


@check(category=Category.NUMERICAL_STABILITY, probes=[STABLE], weight=2.0)
def same_axes_far_from_the_origin(c: CheckInput) -> Outcome:
    """The data shifted by 2^26 (exact): the same components and variances. Centring first
    keeps them; a covariance from E[x x^T] - mean mean^T loses every digit."""
    if gate := unless_same_components(c, STABLE, NOT_THE_AXES):
        return gate
    what = "for the data shifted by 2^26"
    return same_as_own_plain_fit(
        c, STABLE, "shifted", scale=1.0, powers=POWERS, rtol=SHIFTED, what=what
    )


@check(category=Category.NUMERICAL_STABILITY, probes=[STABLE])
def same_axes_at_any_scale(c: CheckInput) -> Outcome:
    """The data times 2^70 and 2^-70 (exact): the same components and ratios, the variances
    times 2^140 and 2^-140. An absolute epsilon or a float32 array does not scale."""
    if gate := unless_same_components(c, STABLE, NOT_THE_AXES):
        return gate
    return same_as_own_at_both_scales(c, STABLE, data="the data", powers=POWERS, rtol=SCALED)
