"""The five rubric categories every score is built on, and how check scores add up."""

from __future__ import annotations

import enum
from collections.abc import Mapping


class Category(enum.StrEnum):
    MATHEMATICAL_CORRECTNESS = "mathematical_correctness"
    VECTORIZED_IMPLEMENTATION = "vectorized_implementation"
    NUMERICAL_STABILITY = "numerical_stability"
    CODE_ORGANIZATION = "code_organization"
    CONVERGENCE_AWARENESS = "convergence_awareness"


SEVERITY = {
    Category.MATHEMATICAL_CORRECTNESS: "critical",
    Category.VECTORIZED_IMPLEMENTATION: "high",
    Category.NUMERICAL_STABILITY: "high",
    Category.CODE_ORGANIZATION: "medium",
    Category.CONVERGENCE_AWARENESS: "medium",
}

DEFAULT_WEIGHTS: Mapping[Category, float] = {
    Category.MATHEMATICAL_CORRECTNESS: 40.0,
    Category.VECTORIZED_IMPLEMENTATION: 20.0,
    Category.NUMERICAL_STABILITY: 20.0,
    Category.CODE_ORGANIZATION: 10.0,
    Category.CONVERGENCE_AWARENESS: 10.0,
}


def category_score(check_scores: list[tuple[float, float]]) -> float:
    """0–100 from ``(score 0–1, weight)`` pairs; a category without checks scores 0."""
    total_weight = sum(weight for _, weight in check_scores)
    if total_weight <= 0:
        return 0.0
    return 100.0 * sum(score * weight for score, weight in check_scores) / total_weight


def overall_score(
    category_scores: Mapping[Category, float], weights: Mapping[Category, float]
) -> float:
    """The weighted sum of category scores, 0–100, rounded to 2 decimals."""
    total_weight = sum(weights.values())
    weighted = sum(category_scores[c] * weights[c] for c in Category)
    return round(weighted / total_weight, 2)
