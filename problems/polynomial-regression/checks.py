"""Checks for polynomial-regression: the expansion and a one-feature fit against the
reference; stability compares the candidate's predictions on shifted and rescaled inputs
with its own on the benign ones. The interface, the standard fit and the timing are the
profile's standard checks."""

import numpy as np

from sandbox.checking import (
    Category,
    CheckInput,
    Outcome,
    all_of,
    check,
    compare_values,
    unless_related,
)

EXACT = 1e-6
SAME = 1e-6  # the same candidate on equivalent inputs, relative to the largest prediction
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


def _same_as_benign(c: CheckInput, probe: str, **variants: str) -> Outcome:
    """Stability is measured on benign predictions that are right (up to a constant factor):
    consistent garbage earns nothing here. Then each variant equals the benign predictions."""
    observed = c.candidate[probe]
    benign = observed.array("benign")
    gate = unless_related(benign, c.reference[probe].array("benign"), what="benign predictions")
    if gate is not None:
        return gate
    scale = float(np.abs(benign).max(initial=0.0))
    return all_of(
        *(
            compare_values(
                observed.array(key),
                benign,
                what=f"predict(X) after fit(degree=4) of one feature {what} (your predictions "
                "for the unchanged inputs)",
                rtol=SAME,
                atol=SAME * scale,
            )
            for key, what in variants.items()
        )
    )


@check(category=Category.NUMERICAL_STABILITY, probes=["shifted_inputs"])
def shifted_inputs_give_the_same_fit(c: CheckInput) -> Outcome:
    return _same_as_benign(
        c, "shifted_inputs", far="shifted by about 1e6: standardise X before expanding it"
    )


@check(category=Category.NUMERICAL_STABILITY, probes=["scaled_inputs"])
def rescaled_inputs_give_the_same_fit(c: CheckInput) -> Outcome:
    return _same_as_benign(
        c,
        "scaled_inputs",
        large="times 2**30 (x**4 near 1e36 unless standardised)",
        small="times 2**-30 (x**4 near 1e-36 unless standardised)",
    )
