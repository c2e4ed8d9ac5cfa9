"""How scores and times are written for people, in one place: the pages' templates and the
CLI use these, and ``web/src/lib/format.js`` does exactly the same in the browser
(tests/api/test_formatting.py runs both over the same values).

Scores: one decimal, without a trailing ".0" (70, 66.7, 0.5); a score under 100 never
reads "100", so full marks are unmistakable. Times: UTC, ``YYYY-MM-DD HH:MM UTC``.
"""

from __future__ import annotations

import datetime
import math

FULL_MARKS = 100.0
NO_SCORE = "–"


def format_score(score: float | None) -> str:
    if score is None or not math.isfinite(score):
        return NO_SCORE
    tenths = math.floor(score * 10 + 0.5)  # half up, as the browser's Math.round
    if tenths >= FULL_MARKS * 10 and score < FULL_MARKS:
        tenths = int(FULL_MARKS * 10) - 1
    whole, fraction = divmod(abs(tenths), 10)
    sign = "-" if tenths < 0 else ""
    return f"{sign}{whole}" if fraction == 0 else f"{sign}{whole}.{fraction}"


def format_time(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
