"""Checks for decompositions whose components are defined up to their sign (PCA, truncated
SVD: principal axes, singular vectors), shared by their packages' ``checks.py``. Trusted
side, like every check.

A component and the matching column of ``transform`` may be flipped together: the
mathematics is compared up to each component's sign, and a sign convention the statement
fixes is a check of its own (``follows_sign_convention``, code organization's). A probe of such a
package observes ``components_``, the fitted values, ``transform`` of new rows and
``round_trip`` (``inverse_transform`` of that); a stability probe observes
``<label>:<attribute>`` for copies of one data set (``plain`` and scaled or shifted ones).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from sandbox.checking import (
    CheckInput,
    Outcome,
    aligning_signs,
    all_finite,
    all_of,
    compare_up_to_sign,
    compare_values,
)


def transform_with_own_signs(c: CheckInput, probe: str) -> np.ndarray:
    """The candidate's ``transform`` with each column multiplied by the sign that aligns its
    component with the reference's (so a component flipped with its column compares equal)."""
    observed, expected = c.candidate[probe], c.reference[probe]
    components, reference = observed.array("components_"), expected.array("components_")
    transformed, shape = observed.array("transform"), expected.array("transform").shape
    if components.size != reference.size or transformed.size != np.prod(shape):
        return transformed  # compare_values names the wrong size
    signs = aligning_signs(components.reshape(reference.shape), reference)
    flipped: np.ndarray = transformed.reshape(shape) * signs
    return flipped


def decomposition_parts(
    c: CheckInput,
    probe: str,
    values: Sequence[str],
    *,
    samples: int,
    rtol: float = 1e-6,
    atol: float = 1e-9,
) -> list[Outcome]:
    """``components_`` up to each one's sign, the fitted ``values`` (a factor such as n or
    n - 1 named with ``samples``), ``transform`` of new rows (its columns taking the signs of
    the candidate's components) and the round trip, each an outcome of its own."""
    observed, expected = c.candidate[probe], c.reference[probe]
    return [
        compare_up_to_sign(
            observed.array("components_"),
            expected.array("components_"),
            what="components_ (each up to its sign)",
            rtol=rtol,
            atol=atol,
        ),
        *(
            compare_values(observed.array(k), expected.array(k), what=k, rtol=rtol, samples=samples)
            for k in values
        ),
        compare_values(
            transform_with_own_signs(c, probe),
            expected.array("transform"),
            what="transform(X_new) (its columns taking the signs of your components_)",
            rtol=rtol,
            atol=atol,
        ),
        compare_values(
            observed.array("round_trip"),
            expected.array("round_trip"),
            what="inverse_transform(transform(X_new))",
            rtol=rtol,
            atol=atol,
        ),
    ]


def follows_sign_convention(c: CheckInput, places: Sequence[tuple[str, str]]) -> Outcome:
    """Each component's entry of largest magnitude is positive, in every (probe, observation)
    of ``places``: the statement fixes the sign so that every correct implementation gives
    the same output (signs left to chance pass with probability 2^-k for k components)."""
    for probe, key in places:
        components = np.atleast_2d(c.candidate[probe].array(key))
        if not np.isfinite(components).all():
            return Outcome.not_measured("components_ holds NaN or infinity (see the other checks)")
        largest = components[np.arange(len(components)), np.abs(components).argmax(axis=1)]
        if (largest < 0).any():
            row = int(np.argmax(largest < 0))
            return Outcome.failed(
                f"{probe}: components_[{row}]'s entry of largest magnitude is {largest[row]:.6g}; "
                "flip every component (and its transform column) so that this entry is positive"
            )
    return Outcome.passed()


def unless_same_components(c: CheckInput, probe: str, what: str) -> Outcome | None:
    """The stability gate: ``None`` when the candidate's ``plain:components_`` are the
    reference's up to sign (loosely), else "not measured": stability is measured on a fit
    that finds the right components, otherwise the fault is mathematical_correctness's.
    ``what`` says what the components should have been."""
    related = compare_up_to_sign(
        c.candidate[probe].array("plain:components_"),
        c.reference[probe].array("plain:components_"),
        what="components_",
        rtol=1e-3,
        atol=1e-6,
    )
    if related.is_pass:
        return None
    return Outcome.not_measured(
        f"not measured: your components {what} (see mathematical_correctness)"
    )


def same_as_own_plain_fit(
    c: CheckInput,
    probe: str,
    label: str,
    *,
    scale: float,
    powers: Mapping[str, int],
    rtol: float,
    what: str,
) -> Outcome:
    """The candidate's fit of a copy of the data (``label``) against its own fit of the
    plain data: finite, the same components up to sign, and each value of ``powers`` times
    ``scale`` to that power (how it changes when the data are multiplied by ``scale``: a
    standard deviation by ``scale``, a variance by its square, a ratio not at all)."""
    observed = c.candidate[probe]
    plain, components = observed.array("plain:components_"), observed.array(f"{label}:components_")
    shape = c.reference[probe].array("plain:components_").shape
    parts = [
        all_finite(components, what=f"components_ {what}"),
        compare_up_to_sign(
            components,
            plain.reshape(shape) if plain.size == np.prod(shape) else plain,
            what=f"components_ {what} (your components of the plain data, up to sign)",
            rtol=rtol,
            atol=rtol,
        ),
    ]
    for key, power in powers.items():
        values = observed.array(f"{label}:{key}")
        parts += [
            all_finite(values, what=f"{key} {what}"),
            compare_values(
                values / scale**power,
                observed.array(f"plain:{key}"),
                what=f"{key} {what}"
                + (f", divided by the factor^{power}" if power else "")
                + " (your values for the plain data)",
                rtol=rtol,
                atol=0.0,
            ),
        ]
    return all_of(*parts)


def same_as_own_at_both_scales(
    c: CheckInput, probe: str, *, data: str, powers: Mapping[str, int], rtol: float
) -> Outcome:
    """``same_as_own_plain_fit`` for the probe's ``huge`` copy (``data`` times its
    ``scale``, a power of two) and its ``tiny`` one (divided by it)."""
    scale = c.reference[probe].number("scale")
    exponent = round(float(np.log2(scale)))
    return all_of(
        *(
            same_as_own_plain_fit(
                c, probe, label, scale=factor, powers=powers, rtol=rtol, what=f"for {data} {what}"
            )
            for label, factor, what in (
                ("huge", scale, f"times 2^{exponent}"),
                ("tiny", 1.0 / scale, f"times 2^-{exponent}"),
            )
        )
    )
