"""Checks for pca. A principal axis is defined up to its sign, so the mathematics is
compared up to the sign of each component (and of the matching transform column); the
stated sign convention is code organization's, like any other output convention.
Interface and timing are the profile's standard checks."""

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
    shape_check,
)

FITS = ("fit_three_of_six", "fit_all_components")
STANDARD_FIT = "standard_fit_standard"
SIGNED = (STANDARD_FIT, "attribute:components_")
EXACT = 1e-7
STABLE = "shifted_and_scaled"
SHIFTED = 1e-6  # relative: a fit 2^26 from the origin against the same fit near it
SCALED = 1e-9  # relative: scaling by a power of two is exact
VALUES = ("explained_variance_", "explained_variance_ratio_", "singular_values_")


def _fit_parts(c: CheckInput, name: str) -> list[Outcome]:
    observed, expected = c.candidate[name], c.reference[name]
    components = observed.array("components_")
    parts = [
        compare_values(observed.array("mean_"), expected.array("mean_"), what="mean_", rtol=EXACT),
        compare_up_to_sign(
            components,
            expected.array("components_"),
            what="components_ (each up to its sign)",
            rtol=1e-6,
            atol=1e-9,
        ),
    ]
    n = len(expected.array("X"))
    parts += [
        compare_values(observed.array(k), expected.array(k), what=k, rtol=1e-6, samples=n)
        for k in VALUES
    ]
    # transform's columns carry the candidate's own component signs
    reference_components = expected.array("components_")
    transformed = observed.array("transform")
    if components.size == reference_components.size and transformed.size == (
        expected.array("transform").size
    ):
        signs = aligning_signs(components.reshape(reference_components.shape), reference_components)
        transformed = transformed.reshape(expected.array("transform").shape) * signs
    parts.append(
        compare_values(
            transformed,
            expected.array("transform"),
            what="transform(X_new) (its columns taking the signs of your components_)",
            rtol=1e-6,
            atol=1e-9,
        )
    )
    parts.append(
        compare_values(
            observed.array("round_trip"),
            expected.array("round_trip"),
            what="inverse_transform(transform(X_new))",
            rtol=1e-6,
            atol=1e-9,
        )
    )
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
    """Each component's entry of largest magnitude is positive: the statement fixes the
    sign, so that the output is the same for every correct implementation. Three fits,
    10 components: signs left to chance pass with probability 1/1024."""
    for name, key in ((FITS[0], "components_"), (FITS[1], "components_"), SIGNED):
        components = np.atleast_2d(c.candidate[name].array(key))
        if not np.isfinite(components).all():
            return Outcome.not_measured("components_ holds NaN or infinity (see the other checks)")
        largest = components[np.arange(len(components)), np.abs(components).argmax(axis=1)]
        if (largest < 0).any():
            row = int(np.argmax(largest < 0))
            return Outcome.failed(
                f"{name}: components_[{row}]'s entry of largest magnitude is {largest[row]:.6g}; "
                "flip every component (and its transform column) so that this entry is positive"
            )
    return Outcome.passed()


@check(category=Category.CODE_ORGANIZATION, probes=["fit_three_of_six"], weight=0.5)
def inverse_transform_shape(c: CheckInput) -> Outcome:
    return shape_check(
        c.candidate["fit_three_of_six"].array("round_trip").shape,
        c.reference["fit_three_of_six"].array("round_trip").shape,
        "inverse_transform(Z)",
    )


def _related(c: CheckInput) -> Outcome | None:
    """Stability is measured on a PCA that finds the right axes near the origin: otherwise
    the fault is mathematical_correctness's."""
    outcome = compare_up_to_sign(
        c.candidate[STABLE].array("plain:components_"),
        c.reference[STABLE].array("plain:components_"),
        what="components_",
        rtol=1e-3,
        atol=1e-6,
    )
    if outcome.is_pass:
        return None
    return Outcome.not_measured(
        "not measured: your components near the origin are not the principal axes "
        "(see mathematical_correctness)"
    )


def _same_as_plain(c: CheckInput, label: str, scale: float, rtol: float, what: str) -> Outcome:
    """The candidate's fit of a transformed copy against its own fit of the plain data;
    ``scale`` is how a standard deviation changes (variances change by its square)."""
    observed = c.candidate[STABLE]
    plain = observed.array("plain:components_")
    parts = [
        compare_up_to_sign(
            observed.array(f"{label}:components_"),
            plain.reshape(-1, plain.shape[-1]) if plain.ndim else plain,
            what=f"components_ {what} (your components of the plain data, up to sign)",
            rtol=rtol,
            atol=rtol,
        )
    ]
    for key, power in (
        ("explained_variance_", 2),
        ("explained_variance_ratio_", 0),
        ("singular_values_", 1),
    ):
        values = observed.array(f"{label}:{key}")
        parts.append(all_finite(values, what=f"{key} {what}"))
        parts.append(
            compare_values(
                values / scale**power,
                observed.array(f"plain:{key}"),
                what=f"{key} {what}"
                + (f", divided by the factor^{power}" if power else "")
                + " (your values for the plain data)",
                rtol=rtol,
                atol=0.0,
            )
        )
    return all_of(*parts)


@check(category=Category.NUMERICAL_STABILITY, probes=[STABLE], weight=2.0)
def same_axes_far_from_the_origin(c: CheckInput) -> Outcome:
    """The data shifted by 2^26 (exact): the same components and variances. Centring first
    keeps them; a covariance from E[x x^T] - mean mean^T loses every digit."""
    if gate := _related(c):
        return gate
    return _same_as_plain(c, "shifted", 1.0, SHIFTED, "for the data shifted by 2^26")


@check(category=Category.NUMERICAL_STABILITY, probes=[STABLE])
def same_axes_at_any_scale(c: CheckInput) -> Outcome:
    """The data times 2^70 and 2^-70 (exact): the same components and ratios, the variances
    times 2^140 and 2^-140. An absolute epsilon or a float32 array does not scale."""
    if gate := _related(c):
        return gate
    scale = c.reference[STABLE].number("scale")
    return all_of(
        _same_as_plain(c, "huge", scale, SCALED, "for the data times 2^70"),
        _same_as_plain(c, "tiny", 1.0 / scale, SCALED, "for the data times 2^-70"),
    )
