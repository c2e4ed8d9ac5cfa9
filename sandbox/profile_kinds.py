"""The profiles a problem can declare, by ``profile.kind`` (trusted side): each kind's
standard checks (its probes are ``sandbox.harness.kinds``'s). A new kind registers here
and there."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sandbox.checking import Check
from sandbox.harness.kinds import PROBES
from sandbox.layer_checks import layer_checks
from sandbox.named_entries import named_checks
from sandbox.profiles import standard_checks

CHECKS: Mapping[str, Callable[[Mapping[str, Any]], list[Check]]] = {
    "estimator": standard_checks,
    "layer": layer_checks,
}
assert set(CHECKS) == set(PROBES), "every profile kind has both probes and checks"


def profile_checks(profile: Mapping[str, Any]) -> list[Check]:
    """The standard checks of a profile (its kind already checked by its probes), and those
    its ``checks`` list names (``sandbox.named_entries``)."""
    return CHECKS[str(profile.get("kind"))](profile) + named_checks(profile.get("checks"))
