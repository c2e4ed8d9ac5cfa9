"""web/src/lib/drafts.js: which copy of a draft the editor starts from — the browser's, the
account's, or the starter code — and when it says "Draft restored"."""

from __future__ import annotations

from typing import Any

from tests.web.node import call

STARTER = "class Model:\n    pass\n"
SERVER = {"code": "from the account", "revision": 3, "updated_at": "2026-11-29T20:00:00+00:00"}
LATER = 1_800_000_000_000  # ms, after SERVER's time
EARLIER = 1_700_000_000_000


def local(code: str, base: int | None, pending: bool, saved_at: int = EARLIER) -> dict[str, Any]:
    return {"code": code, "base": base, "pending": pending, "savedAt": saved_at}


def choose(local_copy: dict[str, Any] | None, server: dict[str, Any] | None) -> dict[str, Any]:
    result: dict[str, Any] = call("drafts.js", "chooseDraft", [[local_copy, server, STARTER]])[0]
    return result


def test_an_untouched_problem_starts_from_the_starter_without_draft_restored() -> None:
    fresh = choose(None, None)
    assert fresh == {
        "code": STARTER,
        "restored": False,
        "unsent": False,
        "message": "Starting from the starter code",
    }
    # A copy that is just the starter (what older versions saved on leaving) is not a draft.
    same = choose(local(STARTER, None, True), None)
    assert same["restored"] is False and same["message"] == "Starting from the starter code"


def test_the_account_copy_follows_the_candidate_to_a_new_browser() -> None:
    chosen = choose(None, SERVER)
    assert chosen["code"] == "from the account" and chosen["restored"] is True
    assert chosen["message"] == "Draft restored (saved 2026-11-29 20:00 UTC)"
    assert chosen["unsent"] is False


def test_unsent_edits_in_this_browser_win_and_are_sent() -> None:
    on_top = choose(local("edited here", 3, True), SERVER)
    assert on_top["code"] == "edited here" and on_top["unsent"] is True
    assert on_top["message"] == "Draft restored from this browser"
    never_sent = choose(local("edited offline", None, True), None)
    assert never_sent["code"] == "edited offline" and never_sent["unsent"] is True


def test_a_newer_save_from_another_browser_wins_over_a_synced_copy() -> None:
    synced_older = choose(local("old synced", 2, False), SERVER)
    assert synced_older["code"] == "from the account"


def test_when_both_changed_the_later_edit_wins() -> None:
    assert choose(local("later here", 2, True, LATER), SERVER)["code"] == "later here"
    assert choose(local("earlier here", 2, True, EARLIER), SERVER)["code"] == "from the account"


def test_a_draft_discarded_elsewhere_is_not_brought_back() -> None:
    assert choose(local("synced, then reset elsewhere", 4, False), None)["code"] == STARTER
