"""Standard checks chosen by name in problem.yaml (``profile.checks``), with their arguments,
as DMOJ's checkers are: the comparisons most packages need are an entry each, not a
hand-written function. Trusted side, like every check.

    profile:
      checks:
        - use: matches_reference
          probe: loss_value
          values: {loss: "_compute_loss(predictions, y)"}
        - use: gradient_matches_own_loss
          probe: gradient_finite_difference
          gradient: [dw, db]
          weight: 1.5

The functions behind them (``matches_reference``, ``gradient_matches_own_loss``,
``agrees_with_own``, ``stays_finite``, ``reproducible``, the stability gate
``unless_computed_right`` and the comparison with the candidate's own value
``compare_with_own``) are part of the check API too, for a ``checks.py`` that needs them
with a twist.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from sandbox.checking import (
    Check,
    CheckInput,
    Outcome,
    all_finite,
    all_of,
    compare_values,
    gradient_check,
    proportional_factor,
    same_loss_as_elsewhere,
    unless_related,
)
from sandbox.harness.standard import ProfileError
from sandbox.rubric import Category


def matches_reference(
    c: CheckInput,
    probe: str,
    values: Mapping[str, str],
    *,
    rtol: float = 1e-6,
    atol: float = 1e-8,
    relative_atol: bool = False,
    samples: int | None = None,
) -> Outcome:
    """Each observation ``values`` names (key → how messages call it) against the
    reference's, under the shape policy; a constant factor (2×, n×, sign) is named.
    ``relative_atol`` scales ``atol`` by the reference's largest magnitude; ``samples`` lets
    a sum-versus-mean slip be named as "n×"."""
    candidate, reference = c.candidate[probe], c.reference[probe]
    parts = []
    for key, what in values.items():
        expected = reference.array(key)
        scale = float(np.abs(expected).max(initial=0.0)) if relative_atol else 1.0
        parts.append(
            compare_values(
                candidate.array(key),
                expected,
                what=what,
                rtol=rtol,
                atol=atol * scale,
                samples=samples,
            )
        )
    return all_of(*parts)


def gradient_matches_own_loss(
    c: CheckInput,
    probe: str,
    gradient: Sequence[str],
    *,
    loss_probe: str = "loss_value",
    loss_key: str = "loss",
    tolerance: float = 1e-3,
    basis: str | None = None,
) -> Outcome:
    """The gradient's parts (``gradient``, in the order the probe's directions use) against
    finite differences of the candidate's own loss (``directional_losses`` in ``probe``),
    and those losses against the loss the candidate gives on a plain call (``loss_probe``),
    so that a loss which notices it is being finite-differenced cannot pass. ``basis``
    names the probe's observation of a (parameters, m) basis when the slopes were taken in
    a random subspace: the gradient's components there are compared."""
    observed, expected = c.candidate[probe], c.reference[probe]
    slopes = np.concatenate([observed.array(name).ravel() for name in gradient])
    if basis is not None:
        slopes = expected.array(basis).T @ slopes
    factor = proportional_factor(
        c.candidate[loss_probe].array(loss_key), c.reference[loss_probe].array(loss_key), rtol=1e-9
    )
    return all_of(
        same_loss_as_elsewhere(observed, expected, factor),
        gradient_check(slopes, observed, what=f"({', '.join(gradient)})", tolerance=tolerance),
    )


@dataclasses.dataclass(frozen=True)
class OwnValue:
    """An observation on extreme inputs, the candidate's own value on benign inputs it must
    equal (after dividing by ``divide_by``: an exact scaling of the inputs), and how
    messages call it."""

    same_as: str
    what: str
    divide_by: float = 1.0


def unless_computed_right(c: CheckInput, gate: Mapping[str, Sequence[str]]) -> Outcome | None:
    """The stability gate (``unless_related`` on each probe's named observations):
    ``None`` when the candidate's benign values compute the right quantities up to a
    constant factor, else "not measured" (consistent garbage earns nothing)."""
    for probe, keys in gate.items():
        for key in keys:
            candidate, reference = c.candidate[probe].array(key), c.reference[probe].array(key)
            if blocked := unless_related(candidate, reference, what=f"{key} ({probe})"):
                return blocked
    return None


def compare_with_own(
    actual: np.ndarray,
    own: np.ndarray,
    *,
    what: str,
    rtol: float,
    atol: float,
    relative_atol: bool = False,
) -> Outcome:
    """The candidate's value on extreme (or equivalent) inputs against its own value on
    benign ones, under the shape policy. ``relative_atol`` scales ``atol`` by the largest
    magnitude of ``own``: for values with exact zeros, or whose units a probe changes, where
    no absolute tolerance fits every seed."""
    scale = float(np.abs(own).max(initial=0.0)) if relative_atol else 1.0
    return compare_values(actual, own, what=what, rtol=rtol, atol=atol * scale)


def agrees_with_own(
    c: CheckInput,
    probe: str,
    values: Mapping[str, OwnValue],
    *,
    rtol: float,
    atol: float,
    gate: Mapping[str, Sequence[str]],
    relative_atol: bool = False,
) -> Outcome:
    """Each extreme observation against the same candidate's benign one (numerical
    stability never re-tests the formula), once the gate shows the formula computes the
    right quantity (``unless_computed_right``); ``relative_atol`` as in
    ``compare_with_own``."""
    if blocked := unless_computed_right(c, gate):
        return blocked
    observed = c.candidate[probe]
    return all_of(
        *(
            compare_with_own(
                observed.array(key) / own.divide_by,
                observed.array(own.same_as),
                what=own.what,
                rtol=rtol,
                atol=atol,
                relative_atol=relative_atol,
            )
            for key, own in values.items()
        )
    )


def stays_finite(
    c: CheckInput, probe: str, values: Mapping[str, str], *, gate: Mapping[str, Sequence[str]]
) -> Outcome:
    """Every named observation the candidate has is finite (a missing one, None, is another
    category's: the interface), once the gate passes."""
    if blocked := unless_computed_right(c, gate):
        return blocked
    observed = c.candidate[probe]
    return all_of(
        *(
            all_finite(observed.array(key), what=what)
            for key, what in values.items()
            if observed.value(key) is not None
        )
    )


# --- problem.yaml ---------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Entry:
    """One ``profile.checks`` entry; each method reads one field and says what is wrong
    with it."""

    raw: Mapping[str, Any]
    where: str

    def text(self, key: str, default: str | None = None) -> str:
        value = self.raw.get(key, default)
        if not isinstance(value, str) or not value:
            raise ProfileError(f"{self.where}.{key} must be a non-empty text")
        return value

    def number(self, key: str, default: float) -> float:
        value = self.raw.get(key, default)
        # YAML reads 1e-6 as text (1.0e-6 is a number): say so rather than fail later.
        if type(value) not in (int, float) or not np.isfinite(value) or value < 0:
            raise ProfileError(
                f"{self.where}.{key} must be a number >= 0 (write 1.0e-6, not 1e-6: YAML "
                "reads the latter as text)"
            )
        return float(value)

    def flag(self, key: str) -> bool:
        value = self.raw.get(key, False)
        if not isinstance(value, bool):
            raise ProfileError(f"{self.where}.{key} must be true or false")
        return value

    def pairs(self, key: str, *, required: bool = True) -> dict[str, str]:
        """``{observation: the observation it is compared with}``."""
        value = self.raw.get(key, None if required else {})
        if not isinstance(value, dict) or (required and not value):
            value = None
        if value is None or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise ProfileError(
                f"{self.where}.{key} must map observation names to the observation each is "
                "compared with"
            )
        return dict(value)

    def names(self, key: str) -> list[str]:
        value = self.raw.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise ProfileError(f"{self.where}.{key} must be a list of observation names")
        return list(value)

    def described(self, key: str) -> dict[str, str]:
        value = self.raw.get(key)
        if (
            not isinstance(value, dict)
            or not value
            or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
        ):
            raise ProfileError(
                f"{self.where}.{key} must map observation names to how messages call them"
            )
        return dict(value)

    def gate(self) -> dict[str, list[str]]:
        """``gate: {probe: [observation, ...]}`` (absent: no gate)."""
        value = self.raw.get("gate", {})
        if not isinstance(value, dict) or not all(
            isinstance(probe, str)
            and isinstance(keys, list)
            and keys
            and all(isinstance(k, str) for k in keys)
            for probe, keys in value.items()
        ):
            raise ProfileError(f"{self.where}.gate must map probes to lists of observations")
        return {probe: list(keys) for probe, keys in value.items()}

    def own_values(self) -> dict[str, OwnValue]:
        """``values: {extreme: {same_as: benign, what: text, divide_by: number}}``."""
        value = self.raw.get("values")
        if not isinstance(value, dict) or not value:
            raise ProfileError(f"{self.where}.values must map observations to {{same_as, what}}")
        found = {}
        for key, spec in value.items():
            at = _Entry(spec, f"{self.where}.values.{key}") if isinstance(spec, dict) else None
            if at is None or set(spec) - {"same_as", "what", "divide_by"}:
                raise ProfileError(
                    f"{self.where}.values.{key} must be {{same_as, what}} (and divide_by)"
                )
            divide_by = at.number("divide_by", 1.0)
            if divide_by == 0.0:
                raise ProfileError(f"{at.where}.divide_by must not be 0")
            found[str(key)] = OwnValue(at.text("same_as"), at.text("what"), divide_by)
        return found

    def check(
        self,
        default_name: str,
        probes: Sequence[str],
        run: Callable[[CheckInput], Outcome],
        category: Category = Category.MATHEMATICAL_CORRECTNESS,
    ) -> Check:
        probes = [*probes, *(p for p in self.gate() if p not in probes)]
        category_name = self.text("category", category.value)
        if category_name not in {c.value for c in Category}:
            raise ProfileError(f"{self.where}.category must be a rubric category")
        weight = self.number("weight", 1.0)
        return Check(
            self.text("name", default_name), Category(category_name), tuple(probes), weight, run
        )


def _matches_reference(entry: _Entry) -> Check:
    probe, values = entry.text("probe"), entry.described("values")
    rtol, atol = entry.number("rtol", 1e-6), entry.number("atol", 1e-8)
    relative = entry.flag("relative_atol")
    samples = entry.raw.get("samples")
    if samples is not None and (type(samples) is not int or samples <= 0):
        raise ProfileError(f"{entry.where}.samples must be a positive whole number")

    def run(c: CheckInput) -> Outcome:
        return matches_reference(
            c, probe, values, rtol=rtol, atol=atol, relative_atol=relative, samples=samples
        )

    return entry.check(f"{probe}_matches_reference", [probe], run)


def _gradient_matches_own_loss(entry: _Entry) -> Check:
    probe, gradient = entry.text("probe"), entry.names("gradient")
    loss_probe = entry.text("loss_probe", "loss_value")
    loss_key = entry.text("loss_key", "loss")
    tolerance = entry.number("tolerance", 1e-3)
    basis = entry.text("basis") if "basis" in entry.raw else None

    def run(c: CheckInput) -> Outcome:
        return gradient_matches_own_loss(
            c,
            probe,
            gradient,
            loss_probe=loss_probe,
            loss_key=loss_key,
            tolerance=tolerance,
            basis=basis,
        )

    return entry.check("gradient_consistent_with_own_loss", [probe, loss_probe], run)


def _agrees_with_own(entry: _Entry) -> Check:
    probe, values, gate = entry.text("probe"), entry.own_values(), entry.gate()
    rtol, atol = entry.number("rtol", 1e-9), entry.number("atol", 0.0)
    relative = entry.flag("relative_atol")

    def run(c: CheckInput) -> Outcome:
        return agrees_with_own(
            c, probe, values, rtol=rtol, atol=atol, gate=gate, relative_atol=relative
        )

    return entry.check(f"{probe}_agrees_with_own", [probe], run, Category.NUMERICAL_STABILITY)


def _stays_finite(entry: _Entry) -> Check:
    probe, values, gate = entry.text("probe"), entry.described("values"), entry.gate()

    def run(c: CheckInput) -> Outcome:
        return stays_finite(c, probe, values, gate=gate)

    return entry.check(f"{probe}_stays_finite", [probe], run, Category.NUMERICAL_STABILITY)


# --- reproducible: one block (random_state decides the fit) ---------------------------


def reproducible(
    c: CheckInput,
    probe: str,
    same: Mapping[str, str],
    differ: Mapping[str, str] | None = None,
    *,
    what: str,
) -> Outcome:
    """Fits with the same random_state give the same observations (each key of ``same``
    equals the observation it names, exactly; NaN equals NaN, which is stability's
    business), and a fit with another random_state gives other ones (at least one key of
    ``differ``, if any, differs from the one it names). ``what`` names the fitted things in
    messages ("forests")."""
    observed = c.candidate[probe]

    def equal(key: str, other: str) -> bool:
        return bool(np.array_equal(observed.array(key), observed.array(other), equal_nan=True))

    for key, again in same.items():
        if not equal(key, again):
            return Outcome.failed(
                f"two {what} with the same random_state differ ({key}): create "
                "rng = np.random.default_rng(self.random_state) in fit and draw everything from it"
            )
    if differ and all(equal(key, other) for key, other in differ.items()):
        return Outcome.failed(
            f"{what} with different random_state values are the same ({', '.join(differ)}): "
            "seed the generator with self.random_state"
        )
    return Outcome.passed()


def _reproducible(entry: _Entry) -> Check:
    probe, what = entry.text("probe"), entry.text("what")
    same, differ = entry.pairs("same"), entry.pairs("differ", required=False)

    def run(c: CheckInput) -> Outcome:
        return reproducible(c, probe, same, differ, what=what)

    return entry.check(f"{probe}_reproducible", [probe], run, Category.CODE_ORGANIZATION)


# --- the registry ----------------------------------------------------------------------

_COMMON = {"use", "name", "category", "weight", "probe"}
NAMED: Mapping[str, tuple[Callable[[_Entry], Check], set[str]]] = {
    "matches_reference": (
        _matches_reference,
        _COMMON | {"values", "rtol", "atol", "relative_atol", "samples"},
    ),
    "gradient_matches_own_loss": (
        _gradient_matches_own_loss,
        _COMMON | {"gradient", "loss_probe", "loss_key", "tolerance", "basis"},
    ),
    "agrees_with_own": (
        _agrees_with_own,
        _COMMON | {"values", "rtol", "atol", "relative_atol", "gate"},
    ),
    "stays_finite": (_stays_finite, _COMMON | {"values", "gate"}),
    "reproducible": (_reproducible, _COMMON | {"same", "differ", "what"}),
}


def named_checks(raw: object) -> list[Check]:
    """The checks ``profile.checks`` names (none when it is absent); ``ProfileError`` names
    the faulty entry."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ProfileError("profile.checks must be a list of {use: <check>, ...} entries")
    found = []
    for index, item in enumerate(raw):
        where = f"profile.checks[{index}]"
        if not isinstance(item, dict) or item.get("use") not in NAMED:
            raise ProfileError(f"{where}.use must be one of {', '.join(NAMED)}")
        build, fields = NAMED[item["use"]]
        if unknown := sorted(set(item) - fields):
            raise ProfileError(
                f"{where}: unknown field(s) {', '.join(unknown)} for {item['use']} "
                f"(it takes {', '.join(sorted(fields))})"
            )
        found.append(build(_Entry(item, where)))
    return found
