"""How scores and times are written for people, in one place: the pages' templates and the
CLI use these, and ``web/src/lib/format.js`` does exactly the same in the browser
(tests/api/test_formatting.py runs both over the same values).

Scores: one decimal, without a trailing ".0" (70, 66.7, 0.5); a score under 100 never
reads "100", so full marks are unmistakable. Times: UTC, ``YYYY-MM-DD HH:MM UTC``. Text
from users or submissions printed on a terminal: control characters shown as escapes.
"""

from __future__ import annotations

import datetime
import math
import re

FULL_MARKS = 100.0
NO_SCORE = "–"
# Control characters (ANSI escapes, carriage returns, ...) and bidirectional overrides: what
# a submission prints could otherwise clear the terminal and draw a fake verdict.
TERMINAL_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


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


def terminal_safe(text: str) -> str:
    """``text`` with every control character but newline and tab shown as an escape."""
    return TERMINAL_UNSAFE.sub(lambda match: repr(match.group())[1:-1], text)
