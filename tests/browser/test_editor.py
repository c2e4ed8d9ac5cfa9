"""The candidate's work on the problem page, in Chromium against the live site: drafts that
follow them to another browser, no "Draft restored" where nothing was written, the last
verdict on coming back, loading a submission into the editor, NumPy completions, and a Run
and a Submit that show only what was measured, in words."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.actions import (
    JUDGING_TIMEOUT_MS,
    LOOPY_SOLUTION,
    PROBLEM,
    SLUG,
    SOLUTION,
    editor_text,
    log_in,
    replace_code,
    wait_for_result,
)
from tests.browser.conftest import LiveSite, NewContext

STARTER = (PROBLEM / "starter.py").read_text()
OTHER_SLUG = "mean-predictor"
COMPLETION_PAUSE_MS = 300


def new_browser(new_context: NewContext) -> tuple[BrowserContext, Page]:
    """Another browser profile: no cookies, no localStorage."""
    context = new_context()
    return context, context.new_page()


def local_drafts(page: Page) -> list[str]:
    keys: list[str] = page.evaluate(
        "Object.keys(localStorage).filter(key => key.startsWith('numjudge:draft:'))"
    )
    return keys


def test_an_untouched_problem_never_says_draft_restored(page: Page, live_site: LiveSite) -> None:
    log_in(page, live_site.candidate, f"/problems/{OTHER_SLUG}")
    status = page.locator("#draft-status")
    expect(status).to_have_text("Starting from the starter code")
    page.goto("/problems")  # leaving the page writes nothing
    page.goto(f"/problems/{OTHER_SLUG}")
    expect(status).to_have_text("Starting from the starter code")
    assert local_drafts(page) == []
    expect(page.locator("#last-submission")).to_be_hidden()


def test_the_draft_follows_the_candidate_to_another_browser(
    page: Page, new_context: NewContext, live_site: LiveSite
) -> None:
    log_in(page, live_site.candidate, f"/problems/{SLUG}")
    replace_code(page, STARTER + "\n# written on the laptop\n")
    expect(page.locator("#draft-status")).to_contain_text("Draft saved", timeout=10_000)
    written = editor_text(page)

    context, elsewhere = new_browser(new_context)
    log_in(elsewhere, live_site.candidate, f"/problems/{SLUG}")
    expect(elsewhere.locator(".cm-content")).to_contain_text("# written on the laptop")
    assert editor_text(elsewhere) == written
    expect(elsewhere.locator("#draft-status")).to_contain_text(
        re.compile(r"Draft restored \(saved \d{4}-\d\d-\d\d \d\d:\d\d UTC\)")
    )

    # Reset to starter there forgets it everywhere.
    elsewhere.once("dialog", lambda dialog: dialog.accept())
    elsewhere.get_by_role("button", name="Reset to starter").click()
    expect(elsewhere.locator("#draft-status")).to_have_text("Starting from the starter code")
    context.close()
    page.evaluate("localStorage.clear()")
    page.reload()
    expect(page.locator("#draft-status")).to_have_text("Starting from the starter code")
    assert editor_text(page) == STARTER


def test_run_shows_only_what_the_samples_measured_in_words(
    page: Page, live_site: LiveSite, screenshots: Path
) -> None:
    log_in(page, live_site.candidate, f"/problems/{SLUG}")
    replace_code(page, LOOPY_SOLUTION)
    page.get_by_role("button", name="Run samples").click()
    wait_for_result(page)
    result = page.locator("#result")
    # The samples test three of the five categories: only those have bars.
    rows = result.locator(".score-row")
    expect(rows).to_have_count(3)
    for unmeasured in ("Numerical stability", "Convergence awareness"):
        expect(rows.filter(has_text=unmeasured)).to_have_count(0)
    expect(result.locator(".rubric-note")).to_contain_text("3 of the 5 categories")
    progress = page.locator("#progress")
    expect(progress.locator(".progress-overall .progress-label")).to_have_text("Sample probes")
    expect(progress.locator(".progress-overall .progress-count")).to_have_text("2/2")
    expect(progress).not_to_contain_text("0/0")
    page.screenshot(path=screenshots / "run-result.png", full_page=True)


def test_submit_labels_progress_in_words_and_the_verdict_waits_on_return(
    page: Page, live_site: LiveSite, screenshots: Path
) -> None:
    log_in(page, live_site.candidate, f"/problems/{SLUG}")
    replace_code(page, LOOPY_SOLUTION)
    page.get_by_role("button", name="Submit").click()
    progress = page.locator("#progress")
    expect(progress.locator("[data-group=fit] .progress-label")).to_have_text(
        "Fitting sample data", timeout=JUDGING_TIMEOUT_MS
    )
    wait_for_result(page)
    labels = progress.locator(".progress-label").all_inner_texts()
    assert labels == [
        "All checks",
        "Fitting sample data",
        "Numerical stability",
        "Convergence and stopping",
    ]
    assert not [text for text in labels if "_" in text]
    expect(page.locator("#result").locator(".score-row")).to_have_count(5)
    expect(page.locator("#last-submission")).to_contain_text("Wrong answer")

    # Coming back: the last verdict is there, and its code can be brought back.
    replace_code(page, "# something else entirely\n")
    page.reload()
    last = page.locator("#last-submission")
    expect(last).to_contain_text(re.compile(r"last submission: #\d+ · Wrong answer · 70 / 100"))
    page.screenshot(path=screenshots / "returning.png")
    last.get_by_role("button", name="Load it into the editor").click()
    expect(page.locator(".cm-content")).to_contain_text("for xi, yi in zip(x, y, strict=True):")
    assert editor_text(page) == LOOPY_SOLUTION
    expect(page.locator("#draft-status")).to_contain_text("Loaded submission")
    page.locator(".cm-content").click()
    page.keyboard.press("ControlOrMeta+z")  # the load is one undoable change
    expect(page.locator(".cm-content")).to_contain_text("# something else entirely")


def test_load_a_submission_from_its_page_into_the_editor(page: Page, live_site: LiveSite) -> None:
    log_in(page, live_site.candidate, f"/problems/{SLUG}")
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "numjudge_csrf")
    answer = page.request.post(
        f"/api/v1/problems/{SLUG}/submissions",
        data={"code": SOLUTION},
        headers={"X-CSRF-Token": csrf},
    )
    assert answer.status == 202, answer.text()
    submission_id = answer.json()["id"]
    replace_code(page, "# the draft before loading\n")
    page.goto(f"/submissions/{submission_id}")
    expect(page.get_by_test_id("overall-score")).to_have_text("100", timeout=JUDGING_TIMEOUT_MS)
    page.get_by_role("link", name="Load this submission into the editor").click()
    expect(page).to_have_url(re.compile(f"/problems/{SLUG}$"))  # ?load= is gone
    expect(page.locator("#draft-status")).to_contain_text(f"Loaded submission {submission_id}")
    expect(page.locator(".cm-content")).to_contain_text("residual = self.w_ * x + self.b_ - y")
    # It is the draft now: saved to the account like any edit.
    expect(page.locator("#draft-status")).to_contain_text("Draft saved", timeout=10_000)
    saved = page.request.get(f"/api/v1/problems/{SLUG}/draft").json()
    assert saved["code"] == SOLUTION

    # A submission of another problem is refused with a message, not loaded.
    page.goto(f"/problems/{OTHER_SLUG}?load={submission_id}")
    expect(page.get_by_role("alert")).to_contain_text("is for another problem")


def test_numpy_completions_and_soft_wrap(page: Page, live_site: LiveSite) -> None:
    log_in(page, live_site.candidate, f"/problems/{OTHER_SLUG}")
    page.locator(".cm-content").click()
    page.keyboard.press("ControlOrMeta+End")
    page.keyboard.type("\nx = np.lin")
    options = page.locator(".cm-tooltip-autocomplete li")
    expect(options.first).to_contain_text("linalg")
    # CodeMirror ignores Enter for a moment after the list opens (a typed Enter meant for the
    # line must not pick an option); a person reads the list first.
    page.wait_for_timeout(COMPLETION_PAUSE_MS)
    page.keyboard.press("Enter")
    page.keyboard.type(".no")
    expect(options.filter(has_text="norm").first).to_be_visible()
    page.wait_for_timeout(COMPLETION_PAUSE_MS)
    page.keyboard.press("Enter")
    assert editor_text(page).rstrip().endswith("x = np.linalg.norm")

    page.keyboard.type("  # " + "a very long comment " * 20)
    scroller = page.locator(".editor .cm-scroller")
    assert scroller.evaluate("element => element.scrollWidth <= element.clientWidth")


def test_statement_code_is_highlighted_and_wraps(
    new_context: NewContext, live_site: LiveSite, screenshots: Path
) -> None:
    context, page = new_browser(new_context)
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_site.candidate, f"/problems/{SLUG}")
    code = page.locator("#statement pre > code").first
    expect(code).to_have_class(re.compile(r"\bhighlighted\b"))
    expect(code.locator(".tok-keyword").first).to_be_visible()
    block = page.locator("#statement pre").first
    assert block.evaluate("element => element.scrollWidth <= element.clientWidth")
    block.screenshot(path=screenshots / "statement-code-390.png")
    context.close()
