"""Checks for polynomial-regression: the expansion and a one-feature fit against the
reference. The interface, the standard fit, the timing and the rescaled inputs
(scaled_copies) are the profile's standard checks; the shifted inputs, a named check."""

from sandbox.checking import (
    Category,
    CheckInput,
    Outcome,
    all_of,
    check,
    compare_values,
)

EXACT = 1e-6
ORDER = (
    "the monomials degree by degree, and within a degree in the order of "
    "itertools.combinations_with_replacement(range(n_features), degree)"
)


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["expansion_values"], weight=1.5)
def expansion_matches_reference(c: CheckInput) -> Outcome:
    candidate, reference = c.candidate["expansion_values"], c.reference["expansion_values"]
    return all_of(
        *(
            compare_values(
                candidate.array(key),
                reference.array(key),
                what=f"_expand(X) with {what} (columns: {ORDER})",
                rtol=EXACT,
                atol=1e-12,
            )
            for key, what in (
                ("three_cubed", "3 features, degree 3"),
                ("two_squared", "2 features, degree 2"),
            )
        )
    )


@check(category=Category.MATHEMATICAL_CORRECTNESS, probes=["fit_one_feature"])
def one_feature_fit_matches_reference(c: CheckInput) -> Outcome:
    return compare_values(
        c.candidate["fit_one_feature"].array("predictions"),
        c.reference["fit_one_feature"].array("predictions"),
        what="predict(X_test) after fit of one feature with degree=5",
        rtol=EXACT,
        atol=1e-9,
    )
