"""An assessment's results as CSV (one row per invitation)."""

from __future__ import annotations

import csv
import io

from api.reviews.schemas import AssessmentResults

# Spreadsheets run a cell starting with these as a formula; a candidate's chosen username
# or an inviter's label must stay text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(results: AssessmentResults) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "attempt_id",
            "label",
            "candidate",
            "status",
            "started_at",
            "deadline",
            "minutes_used",
            "submissions",
            "overall",
            *results.categories,
            *(f"problem:{slug}" for slug in results.problems),
            "human_overall",
            "recommendation",
            "flags",
        ]
    )
    for row in results.attempts:
        attempt = row.attempt
        writer.writerow(
            [
                cell(value)
                for value in (
                    attempt.id,
                    attempt.label,
                    attempt.candidate,
                    attempt.status.value,
                    attempt.started_at.isoformat() if attempt.started_at else None,
                    attempt.deadline.isoformat() if attempt.deadline else None,
                    row.minutes_used,
                    row.submissions,
                    row.overall,
                    *(row.categories[name] for name in results.categories),
                    *(p.score for p in row.problems),
                    row.human_overall,
                    row.recommendation.value if row.recommendation else None,
                    row.flags,
                )
            ]
        )
    return out.getvalue()
