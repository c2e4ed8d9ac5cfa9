"""One rounding of scores and one time format: api/formatting.py (templates, CLI) and
web/src/lib/format.js (the browser) give the same text for the same values."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess

import pytest

from api.formatting import format_score, format_time
from tests.support.platform import ROOT

SCORES = [0, 0.04, 0.05, 12.25, 12.35, 50, 66.66666, 70, 99.94, 99.95, 99.999, 100, None]
TIMES = ["2026-11-29T20:53:07.5+00:00", "2026-01-02T03:04:59+02:00"]


def browser_formatting() -> dict[str, list[str]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: run 'make setup', which installs it with npm")
    script = (
        f"import {{ formatScore, formatDate }} from '{ROOT / 'web/src/lib/format.js'}';"
        f"const scores = {json.dumps(SCORES)}; const times = {json.dumps(TIMES)};"
        "console.log(JSON.stringify({scores: scores.map(formatScore),"
        " times: times.map(formatDate)}));"
    )
    done = subprocess.run(
        [node, "--input-type=module", "-e", script],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    result: dict[str, list[str]] = json.loads(done.stdout)
    return result


def test_scores_have_one_decimal_and_never_read_full_marks_below_100() -> None:
    assert [format_score(s) for s in SCORES] == [
        "0",
        "0",
        "0.1",
        "12.3",
        "12.4",
        "50",
        "66.7",
        "70",
        "99.9",
        "99.9",
        "99.9",
        "100",
        "–",
    ]
    assert format_score(float("nan")) == "–"


def test_times_are_utc() -> None:
    moment = datetime.datetime.fromisoformat(TIMES[1])
    assert format_time(moment) == "2026-01-02 01:04 UTC"


def test_the_browser_formats_exactly_like_the_server() -> None:
    browser = browser_formatting()
    assert browser["scores"] == [format_score(s) for s in SCORES]
    assert browser["times"] == [format_time(datetime.datetime.fromisoformat(t)) for t in TIMES]
