"""The profiles a problem can declare, by ``profile.kind`` (harness side): each kind's
standard probes. ``sandbox.profile_kinds`` pairs them with their standard checks."""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from typing import Any

from sandbox.harness import estimator_spec, layer_profile, probing, standard, timing

ProbeBuilder = Callable[[Mapping[str, Any], types.ModuleType], list[probing.Probe]]

PROBES: Mapping[str, ProbeBuilder] = {
    "estimator": standard.estimator_probes,
    "layer": layer_profile.layer_probes,
}


def problem_probes(
    module: types.ModuleType, profile: Mapping[str, Any] | None
) -> list[probing.Probe]:
    """A package's own probes, then the standard probes of its profile."""
    own = probing.collect_probes(module)
    if profile is None:
        return own
    kind = profile.get("kind")
    if kind not in PROBES:
        raise estimator_spec.ProfileError(f"profile.kind must be one of {', '.join(PROBES)}")
    try:
        return own + PROBES[str(kind)](profile, module)
    except timing.TimingError as error:
        raise estimator_spec.ProfileError(str(error)) from error
