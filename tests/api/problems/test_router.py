"""/api/v1/problems/progress: the caller's progress per topic of the curriculum."""

from __future__ import annotations

from api.settings import Settings
from tests.support.platform import client_as, mark_judged, submit

URL = "/api/v1/problems/progress"
UNTRIED = {"topic": "stability-and-testing", "label": "Stability and testing", "total": 1}


def test_progress_counts_solved_and_tried_per_topic_for_the_caller(settings: Settings) -> None:
    candidate = client_as(settings, "candidate")
    assert candidate.get(URL).json() == [{**UNTRIED, "solved": 0, "tried": 0}]
    submission = submit(candidate, "class MeanPredictor: pass\n")
    mark_judged(settings, submission)  # accepted, 100
    assert candidate.get(URL).json() == [{**UNTRIED, "solved": 1, "tried": 0}]
    # Another candidate's progress is their own.
    assert client_as(settings, "other").get(URL).json() == [{**UNTRIED, "solved": 0, "tried": 0}]
    assert client_as(settings, None).get(URL).status_code == 401
