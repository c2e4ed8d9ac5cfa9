"""The probes a problem gets: its own ``probes.py`` plus the standard probes its profile
declares in ``problem.yaml``."""

from __future__ import annotations

import types
from typing import Any

from sandbox.harness import probing


def problem_probes(module: types.ModuleType, profile: dict[str, Any] | None) -> list[probing.Probe]:
    return probing.collect_probes(module)
