"""``profile.checks`` in problem.yaml: each entry read, its fields checked (an unknown field,
a tolerance YAML read as text, a malformed mapping each refused with what is wrong), and
turned into a ``Check`` that calls its function in ``sandbox.named_checks``."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from sandbox.checking import Check, CheckInput, Outcome
from sandbox.harness.estimator_spec import ProfileError
from sandbox.named_checks import (
    OwnValue,
    agrees_with_own,
    gradient_matches_own_loss,
    matches_reference,
    reproducible,
    stays_finite,
)
from sandbox.rubric import Category


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
        value = self.raw.get(key, {})
        if (
            not isinstance(value, dict)
            or (required and not value)
            or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
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
