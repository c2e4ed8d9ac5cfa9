"""Running the front-end's pure functions (web/src/lib) in Node, for tests of their logic."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

import pytest

from tests.support.platform import ROOT

LIB = ROOT / "web" / "src" / "lib"


def call(module: str, function: str, cases: list[list[Any]]) -> list[Any]:
    """``function(*case)`` from ``web/src/lib/<module>`` for each case, JSON in and out."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: run 'make setup', which installs it with npm")
    script = (
        f"import {{ {function} }} from {json.dumps(str(LIB / module))};"
        f"const cases = {json.dumps(cases)};"
        f"console.log(JSON.stringify(cases.map((c) => {function}(...c))));"
    )
    done = subprocess.run(
        [node, "--input-type=module", "-e", script],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT / "web",
    )
    assert done.returncode == 0, done.stderr
    result: list[Any] = json.loads(done.stdout)
    return result
