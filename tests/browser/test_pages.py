"""The pages as a candidate uses them, in Chromium against the live site: log in, find a
problem, write code in the editor, run it, submit it, watch it being judged, read the
rubric and the loss curve, come back to the draft, compare two submissions."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from playwright.sync_api import Page, expect

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
from tests.browser.conftest import LiveSite


def test_anonymous_visitors_are_sent_to_login_and_back(page: Page, live_site: LiveSite) -> None:
    page.goto(f"/problems/{SLUG}")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    assert unquote(page.url.split("next=")[1]) == f"/problems/{SLUG}"

    page.get_by_label("Username").fill(live_site.candidate.username)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("Wrong username or password")
    expect(page).to_have_url(re.compile(r"/login"))

    page.get_by_label("Password").fill(live_site.candidate.password)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"/problems/{SLUG}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Line fit"))
    # The editor is made by the page's script after it wired the header: a click on Log out
    # before that did nothing (seen once in a full run).
    expect(page.locator(".cm-content")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    page.goto("/problems")
    expect(page).to_have_url(re.compile(r"/login\?next="))


def test_the_statements_math_is_typeset_under_the_content_security_policy(
    page: Page, live_site: LiveSite
) -> None:
    """KaTeX writes some styles as style attributes (here \\pmb's, in the MathML it adds for
    screen readers), which the policy refuses; math.js sets them through the CSSOM instead.
    The ``page`` fixture fails the test on any refusal."""
    log_in(page, live_site.candidate, f"/problems/{SLUG}")
    statement = page.locator("#statement")
    expect(statement.locator(".katex-display")).to_have_count(1)
    expect(statement.locator(".katex mstyle").first).to_be_attached()
    shadow = statement.locator(".katex mstyle").first.evaluate("node => node.style.textShadow")
    assert shadow, "the style KaTeX asked for was not applied"
    assert statement.locator(".katex-error").count() == 0


def test_problem_list_filters_by_topic_and_difficulty(page: Page, live_site: LiveSite) -> None:
    log_in(page, live_site.candidate)
    rows = page.locator("tr[data-problem]")
    expect(rows.filter(visible=True)).to_have_count(2)
    expect(page.locator("tr[data-problem=descent-line]")).to_contain_text("not tried")
    progress = page.get_by_role("region", name="Your progress by topic")
    expect(progress).to_contain_text("Linear models")
    expect(progress).to_contain_text("0 of 1 solved")

    page.get_by_label("Topic", exact=True).select_option(label="Stability and testing")
    expect(rows.filter(visible=True)).to_have_count(1)
    expect(page.locator("tr[data-problem=mean-predictor]")).to_be_visible()
    expect(page).to_have_url(re.compile(r"\?topic=stability-and-testing$"))

    progress.get_by_role("link", name="Linear models").click()
    expect(page.locator("tr[data-problem=descent-line]")).to_be_visible()
    expect(page.locator("tr[data-problem=mean-predictor]")).to_be_hidden()
    expect(page.get_by_label("Topic", exact=True)).to_have_value("linear-models")

    page.get_by_label("Topic", exact=True).select_option("")
    page.get_by_label("Difficulty").select_option("easy")
    expect(rows.filter(visible=True)).to_have_count(2)
    page.get_by_label("Search").fill("gradient")  # a tag
    expect(rows.filter(visible=True)).to_have_count(1)
    page.get_by_label("Search").fill("")

    # The filter is in the URL, and the server applies it too (a shared link, no script).
    page.goto("/problems?topic=stability-and-testing")
    expect(page.locator("tr[data-problem=descent-line]")).to_be_hidden()
    page.get_by_role("link", name=re.compile("Mean predictor")).click()
    expect(page).to_have_url(re.compile("/problems/mean-predictor$"))


def test_hints_one_at_a_time_and_the_editorial_after_a_submission(
    page: Page, live_site: LiveSite, screenshots: Path
) -> None:
    log_in(page, live_site.candidate, "/problems/mean-predictor")
    hints = page.locator("#hints li")
    expect(hints).to_have_count(0)
    page.get_by_role("button", name="Show a hint (2)").click()
    expect(hints).to_have_count(1)
    expect(hints.first).to_contain_text("Hint 1: The mean")
    page.get_by_role("button", name="Show the next hint (1 left)").click()
    expect(hints).to_have_count(2)
    expect(hints.nth(1).locator(".katex").first).to_be_attached()  # math typeset in hints too
    expect(page.get_by_role("button", name=re.compile("hint"))).to_be_hidden()
    page.reload()
    expect(hints).to_have_count(2)  # remembered by the server

    editorial = page.locator("#editorial")
    editorial.locator("summary").click()
    expect(editorial).to_contain_text("opens after your first submission")
    page.get_by_role("button", name="Submit").click()
    expect(page.locator("#progress")).to_be_visible()
    editorial.locator("summary").click()  # closed
    editorial.locator("summary").click()  # opened again: asks again
    expect(editorial).to_contain_text("Editorial: the mean predictor")
    page.screenshot(path=screenshots / "hints-and-editorial.png", full_page=True)


def test_solve_a_problem_run_submit_watch_and_reload(
    page: Page, live_site: LiveSite, screenshots: Path
) -> None:
    log_in(page, live_site.candidate)
    page.get_by_role("link", name=re.compile("Line fit by gradient descent")).click()
    expect(page).to_have_url(re.compile(f"/problems/{SLUG}$"))

    # The statement's math is typeset by KaTeX, inline and displayed.
    statement = page.locator("#statement")
    expect(statement.locator(".katex-display")).to_have_count(1)
    expect(statement.locator(".katex").first).to_be_visible()
    assert "$" not in statement.inner_text()

    # The editor starts from the starter code, with Python highlighting.
    expect(page.locator(".cm-content")).to_contain_text("class LineFit")
    assert editor_text(page) == (PROBLEM / "starter.py").read_text()
    keyword = page.locator(".cm-line span", has_text=re.compile(r"^class$")).first
    plain = page.locator(".cm-content").evaluate("element => getComputedStyle(element).color")
    assert keyword.evaluate("element => getComputedStyle(element).color") != plain
    page.screenshot(path=screenshots / "problem-page.png")

    # Run: the sample probes only, reported at once, not scored.
    replace_code(page, LOOPY_SOLUTION)
    page.get_by_role("button", name="Run samples").click()
    wait_for_result(page)
    result = page.locator("#result")
    expect(result.get_by_role("heading", name="Sample run (not scored)")).to_be_visible()
    expect(result.locator(".check.failed").first).to_contain_text("no_sample_loops")
    # The sample calls, open on a Run: what was asked, what this code and the reference said.
    calls = result.get_by_role("region", name="Sample calls")
    expect(calls).to_be_visible()
    expect(calls).to_contain_text(".fit(array(float64")
    calls.screenshot(path=screenshots / "sample-calls.png")

    # Submit: queued, then followed live; a bar per probe group fills up.
    page.get_by_role("button", name="Submit").click()
    progress = page.locator("#progress")
    expect(progress).to_be_visible()
    for group in ("fit", "stability", "convergence"):
        expect(progress.locator(f"[data-group={group}]")).to_be_visible(timeout=JUDGING_TIMEOUT_MS)
    page.screenshot(path=screenshots / "progress.png")
    wait_for_result(page)
    expect(progress.locator(".progress-overall .progress-count")).to_have_text("4/4")
    expect(progress.locator("[data-group=fit] .progress-count")).to_have_text("2/2")
    expect(result.locator(".result-verdict")).to_contain_text("Wrong answer")
    expect(result.get_by_test_id("overall-score")).to_have_text("70")
    expect(result.locator(".score-row")).to_have_count(5)
    vectorized = result.locator(".score-row", has_text="Vectorized implementation")
    expect(vectorized.locator("meter")).to_have_attribute("value", "0")
    failed = result.locator(".failures > ul > .check.failed")
    expect(failed).to_have_count(2)
    expect(failed.filter(has_text="no_sample_loops")).to_contain_text("loops over samples")
    expect(failed.filter(has_text="fit_returns_self")).to_contain_text("must return self")
    expect(result.locator(".timing")).to_contain_text("Judge total")
    expect(result.locator(".timing")).to_contain_text("Submitted to result")

    # The loss curve: the candidate's run drawn over the reference's.
    curve = result.locator(".curve")
    expect(curve.locator("canvas")).to_be_visible()
    expect(curve.locator(".u-legend")).to_contain_text("your code")
    expect(curve.locator(".u-legend")).to_contain_text("reference")
    expect(curve.locator(".curve-summary")).to_contain_text("over 80 recorded points")

    # A better solution, submitted with Ctrl-Enter from the editor: full marks.
    replace_code(page, SOLUTION)
    page.keyboard.press("ControlOrMeta+End")
    page.keyboard.type("\n# checked by hand")
    page.keyboard.press("ControlOrMeta+Enter")
    expect(page.locator("body")).to_have_class(re.compile(r"\bjudging\b"))
    wait_for_result(page)
    expect(result.locator(".result-verdict")).to_contain_text("Accepted")
    expect(result.get_by_test_id("overall-score")).to_have_text("100")
    expect(result.locator(".failures h3")).to_have_text("Every check passed")
    page.set_viewport_size({"width": 1366, "height": 1400})
    result.scroll_into_view_if_needed()
    page.screenshot(path=screenshots / "result.png")
    page.set_viewport_size({"width": 1366, "height": 768})

    # The draft survives a reload, typed comment included.
    expected = editor_text(page)
    assert expected.startswith(SOLUTION) and expected.endswith("# checked by hand")
    page.reload()
    expect(page.locator("#draft-status")).to_contain_text("Draft restored")
    assert editor_text(page) == expected

    # The list shows the best score.
    page.goto("/problems")
    expect(page.locator("tr[data-problem=descent-line] .best")).to_have_text("100 / 100")


def test_keyboard_reaches_everything_with_a_visible_focus(page: Page, live_site: LiveSite) -> None:
    log_in(page, live_site.candidate, f"/problems/{SLUG}")
    page.locator(".cm-content").click()
    page.keyboard.press("ControlOrMeta+Home")
    page.keyboard.press("Tab")  # indents inside the editor...
    assert editor_text(page).startswith("    ")
    page.keyboard.press("Escape")  # ...until Escape lets Tab move on
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Run samples")).to_be_focused()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Submit")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    expect(page.locator(".cm-content")).to_be_focused()

    # From the top of the page: skip link first, then the header's links.
    page.goto(f"/problems/{SLUG}")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="NumJudge")).to_be_focused()


def test_history_shows_a_diff_between_two_submissions(
    page: Page, live_site: LiveSite, screenshots: Path
) -> None:
    log_in(page, live_site.candidate, f"/problems/{SLUG}")
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "numjudge_csrf")
    ids = []
    for code in (LOOPY_SOLUTION, SOLUTION):
        response = page.request.post(
            f"/api/v1/problems/{SLUG}/submissions",
            data={"code": code},
            headers={"X-CSRF-Token": csrf},
        )
        assert response.status == 202, response.text()
        ids.append(response.json()["id"])

    page.get_by_role("link", name="My submissions").click()
    expect(page).to_have_url(re.compile(f"/problems/{SLUG}/submissions$"))
    expect(page.get_by_role("link", name=f"#{ids[1]}")).to_be_visible()
    page.wait_for_load_state()  # the choosers' handlers come with the page's scripts
    page.get_by_label("Old", exact=True).select_option(str(ids[0]))
    page.get_by_label("New", exact=True).select_option(str(ids[0]))
    expect(page.locator(".diff-same")).to_have_text("The two submissions have identical code.")
    page.get_by_role("button", name=f"Use #{ids[1]} as the new side").click()
    expect(page.get_by_label("New", exact=True)).to_have_value(str(ids[1]))
    diff = page.locator("pre.diff")
    expect(diff).to_be_visible()
    expect(
        diff.locator(".diff-del", has_text="for xi, yi in zip(x, y, strict=True):")
    ).to_have_count(1)
    expect(
        diff.locator(".diff-add", has_text="residual = self.w_ * x + self.b_ - y")
    ).to_have_count(1)
    expect(page.locator(".diff-summary")).to_contain_text("added")
    page.screenshot(path=screenshots / "history.png", full_page=True)

    # A submission's own page follows it to its result.
    page.get_by_role("link", name=f"#{ids[1]}").click()
    expect(page.get_by_test_id("overall-score")).to_have_text("100", timeout=JUDGING_TIMEOUT_MS)
    expect(page.locator("#submission-code .cm-content")).to_contain_text("class LineFit")


def test_unknown_pages_say_not_found(page: Page, live_site: LiveSite) -> None:
    log_in(page, live_site.candidate)
    response = page.goto("/problems/no-such-problem")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="Not found")).to_be_visible()
    expect(page.locator("main")).to_contain_text("no problem 'no-such-problem'")
    response = page.goto("/submissions/999999")
    assert response is not None and response.status == 404
