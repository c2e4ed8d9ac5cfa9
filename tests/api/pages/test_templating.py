from __future__ import annotations

import os
from pathlib import Path

import pytest

from api.pages import templating


def test_asset_urls_change_when_the_bundle_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(templating, "DIST_DIR", tmp_path)
    bundle = tmp_path / "problem.js"
    bundle.write_text("")
    os.utime(bundle, (1_700_000_000, 1_700_000_000))
    assert templating.asset("problem.js") == "/static/dist/problem.js?v=1700000000"
    os.utime(bundle, (1_700_000_100, 1_700_000_100))
    assert templating.asset("problem.js") == "/static/dist/problem.js?v=1700000100"


def test_a_missing_bundle_still_renders_and_says_how_to_build_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(templating, "DIST_DIR", tmp_path)
    templating.warn_missing_bundle.cache_clear()
    assert templating.asset("missing.js") == "/static/dist/missing.js"
    assert "make setup" in caplog.text


def test_labels_for_categories_and_verdicts() -> None:
    assert templating.category_label("numerical_stability") == "Numerical stability"
    assert templating.verdict_label("wrong_answer") == "Wrong answer"
    assert templating.verdict_label("something_new") == "something new"
