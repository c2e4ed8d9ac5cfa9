"""web/src/lib/probes.js: probe groups in words, whatever the packages name them."""

from __future__ import annotations

from tests.web.node import call

GROUPS = [
    "fit",
    "timing",
    "stability_loss",
    "stability_few_distinct",
    "convergence",
    "gradient_time_n_3",
    "some-new.group",
    "",
]


def test_groups_read_as_words_and_unknown_ones_are_humanised() -> None:
    assert call("probes.js", "groupLabel", [[g] for g in GROUPS]) == [
        "Fitting sample data",
        "Speed against a vectorized baseline",
        "Numerical stability: loss",
        "Numerical stability: few distinct",
        "Convergence and stopping",
        "Gradient values: time n 3",
        "Some new group",
        "Checks",
    ]
