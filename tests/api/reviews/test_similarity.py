"""Winnowed fingerprints: renaming and reformatting change nothing, another algorithm does,
and what everyone got from the starter code is not counted."""

from __future__ import annotations

from api.reviews.similarity import compare, fingerprints, normalised_tokens
from tests.support.platform import FIXTURE_PROBLEMS_DIR, ROOT

PROBLEM = ROOT / "problems" / "linear-regression-gd"


def read(name: str) -> str:
    return (PROBLEM / name).read_text()


def test_identifiers_numbers_strings_and_layout_are_normalised() -> None:
    tokens = [t.text for t in normalised_tokens("total = x+ 1.5  # add\nname = 'a'\n")]
    assert tokens == ["V", "=", "V", "+", "N", "V", "=", "S"]
    assert normalised_tokens("def (:\n") != []  # what tokenizes before the error counts


def test_renamed_and_reformatted_code_is_the_same() -> None:
    reference = read("reference.py")
    disguised = (
        reference.replace("self", "me")
        .replace("    ", "  ")
        .replace("X", "features")
        .replace(" = ", "=")
        .replace("\n", "\n\n# (a comment)\n")
    )
    assert compare(fingerprints(reference), fingerprints(disguised)).score == 1.0


def test_a_different_solution_scores_lower() -> None:
    reference = fingerprints(read("reference.py"))
    starter = fingerprints(read("starter.py")).hashes
    other_algorithm = fingerprints(read("submissions/accepted_einsum_while.py"))
    kmeans = fingerprints((ROOT / "problems" / "kmeans" / "reference.py").read_text())
    assert compare(reference, other_algorithm, starter).score < 0.3
    assert compare(reference, kmeans, starter).score < 0.3


def test_starter_fingerprints_are_ignored() -> None:
    starter_code = (FIXTURE_PROBLEMS_DIR / "mean-predictor" / "starter.py").read_text()
    starter = fingerprints(starter_code)
    assert compare(starter, starter).score == 1.0
    assert compare(starter, starter, ignored=starter.hashes).score == 0.0


def test_shared_lines_cover_the_copied_part() -> None:
    reference = read("reference.py")
    padded = "import numpy as np\n" * 3 + reference
    match = compare(fingerprints(reference), fingerprints(padded))
    assert match.right_lines and min(match.right_lines) > 3
    assert max(match.left_lines) <= reference.count("\n") + 1
