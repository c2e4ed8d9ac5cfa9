"""Synthetic observations for unit tests of checks (no Docker): probes' values as the
harness would report them, decoded as the judge decodes them."""

from __future__ import annotations

import ast
from collections.abc import Mapping
from typing import Any

from sandbox.checking import CheckInput
from sandbox.harness import wire
from sandbox.observations import ProbeResult, decode_probe

Probes = Mapping[str, Any]  # probe -> its observations (a mapping of name to value)


def observed(name: str, values: Mapping[str, object]) -> ProbeResult:
    """``values`` as probe ``name`` reports them, through the wire and back."""
    report = {"status": "ok", "observations": wire.encode_observations(dict(values))}
    return decode_probe(name, report)


def check_input(candidate: Probes, reference: Probes | None = None) -> CheckInput:
    """What a check sees: the candidate's probes and the reference's (the candidate's when
    none are given), with an empty source."""
    return CheckInput(
        {name: observed(name, values) for name, values in candidate.items()},
        {name: observed(name, values) for name, values in (reference or candidate).items()},
        "",
        ast.parse(""),
    )
