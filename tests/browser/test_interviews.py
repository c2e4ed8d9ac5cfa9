"""An interview end to end in Chromium against the live site (uvicorn, PostgreSQL, Redis,
a Celery worker with real sandboxes): an interviewer creates a one-minute assessment and
invites a candidate; the candidate creates their account with the link, works (a
submission, a large paste, leaving the tab) until the timer ends and the server refuses
more; the last draft is judged as the final attempt; the interviewer reviews it (rubric,
diff, playback at 16x with the flags, a line comment), scores it, invites a second
candidate (who logs in from the link's page) and compares the two. No request either
candidate's browser makes carries the link's token in its URL or Referer, and the server's
access log never sees it."""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Page, Request, expect

from tests.browser.actions import LOOPY_SOLUTION, SLUG, SOLUTION, log_in, replace_code
from tests.browser.conftest import Account, LiveSite, NewContext
from tests.support.platform import PASSWORD

TITLE = "Line fit by gradient descent (browser test)"
FINAL_JUDGING_SECONDS = 150


def invite_link(page: Page, label: str) -> str:
    page.get_by_label("Who it is for").fill(label)
    page.get_by_role("button", name="Create invite link").click()
    link_box = page.get_by_label("Single-use invite link (shown once)")
    expect(link_box).to_be_focused()
    return link_box.input_value()


def record_requests(context: BrowserContext) -> list[Request]:
    sent: list[Request] = []

    def record(request: Request) -> None:  # Playwright cannot wrap a builtin like list.append
        sent.append(request)

    context.on("request", record)
    return sent


def assert_token_only_in_bodies(sent: list[Request], token: str, live_site: LiveSite) -> None:
    """The token went to the server (in the body of POST /api/v1/invites/info) and never in
    a path, a query or a Referer; the access log has no trace of it."""
    assert any(
        urlsplit(r.url).path == "/api/v1/invites/info" and token in (r.post_data or "")
        for r in sent
    )
    for request in sent:
        parts = urlsplit(request.url)
        assert token not in f"{parts.path}?{parts.query}", request.url
        assert token not in request.headers.get("referer", ""), request.url
    assert token not in (live_site.log_dir / "uvicorn.log").read_text(errors="replace")


def csrf(context: BrowserContext) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == "numjudge_csrf")


def take_until_time_is_up(candidate: Page, link: str, live_site: LiveSite) -> None:
    candidate.goto(link)
    expect(candidate.get_by_role("heading", level=1)).to_have_text("Timed screen")
    expect(candidate).to_have_url(f"{live_site.url}/invite")  # the token left the address bar
    candidate.get_by_label("Username").fill("ann")
    candidate.get_by_label("Password").fill("ann's password")
    candidate.get_by_role("button", name="Create account and continue").click()
    expect(candidate).to_have_url(re.compile(r"/my/assessments/\d+$"))
    expect(candidate.locator("#take-status")).to_contain_text("Time left: 0:")
    timer = candidate.locator("#attempt-timer")
    expect(timer).to_contain_text(re.compile(r"Timed screen: 0:\d\d left"))

    candidate.get_by_role("link", name=TITLE).click()
    expect(candidate).to_have_url(re.compile(f"/problems/{SLUG}$"))
    expect(timer).to_contain_text("left")  # on every page
    replace_code(candidate, LOOPY_SOLUTION)
    candidate.get_by_role("button", name="Submit").click()
    expect(candidate.locator("#last-submission")).to_contain_text("Your last submission")
    # A large paste and leaving the tab, as the browser reports them.
    candidate.locator(".cm-content").evaluate(
        """(content, text) => {
          const data = new DataTransfer();
          data.setData("text/plain", text);
          const options = { clipboardData: data, bubbles: true, cancelable: true };
          content.dispatchEvent(new ClipboardEvent("paste", options));
        }""",
        SOLUTION,
    )
    candidate.evaluate(
        """() => {
          for (const state of ["hidden", "visible"]) {
            const property = { value: state, configurable: true };
            Object.defineProperty(document, "visibilityState", property);
            document.dispatchEvent(new Event("visibilitychange"));
          }
        }"""
    )
    replace_code(candidate, SOLUTION)  # the last draft: judged as the final attempt
    expect(candidate.locator("#draft-status")).to_contain_text("Draft saved", timeout=10_000)

    expect(timer).to_have_text("Time is up", timeout=75_000)
    expect(candidate.get_by_role("button", name="Submit")).to_be_disabled()
    refused = candidate.request.post(
        f"{live_site.url}/api/v1/problems/{SLUG}/submissions",
        data={"code": SOLUTION},
        headers={"X-CSRF-Token": csrf(candidate.context)},
    )
    assert refused.status == 403 and refused.json()["detail"].startswith("time is up")


def wait_for_final_results(page: Page) -> None:
    deadline = time.monotonic() + FINAL_JUDGING_SECONDS
    row = page.locator("#results-table tbody tr").first
    while time.monotonic() < deadline:
        page.reload()
        expect(row).to_be_visible()
        text = row.inner_text()
        if "Finished" in text and "judging" not in text:
            return
        time.sleep(2)
    raise AssertionError(f"the final attempt was not judged: {row.inner_text()}")


def test_an_interview_from_invite_to_scorecard(
    page: Page, new_context: NewContext, live_site: LiveSite, screenshots: Path
) -> None:
    log_in(page, Account("interviewer", PASSWORD), "/interviews")
    expect(page.locator("#no-assessments")).to_be_visible()
    page.get_by_label("Title").fill("Timed screen")
    page.get_by_label(TITLE).check()
    page.get_by_label("Time limit (minutes)").fill("1")
    page.get_by_role("button", name="Create assessment").click()
    expect(page).to_have_url(re.compile(r"/interviews/assessments/\d+$"))
    assessment_url = page.url
    link = invite_link(page, "Ann")
    assert re.fullmatch(re.escape(live_site.url) + r"/invite#[\w-]{40,}", link), link
    expect(page.locator("#results-table tbody tr")).to_contain_text("Invited")

    ann = new_context()
    ann_sent = record_requests(ann)
    candidate = ann.new_page()
    take_until_time_is_up(candidate, link, live_site)
    candidate.screenshot(path=screenshots / "assessment-time-up.png", full_page=True)
    candidate.goto(link)  # the link is used up; Ann's own link brings her to her assessment
    expect(candidate).to_have_url(re.compile(r"/my/assessments/\d+$"))
    expect(candidate.locator("#take-status")).to_contain_text("Finished")

    # The interviewer: the final draft judged, then the review.
    page.goto(assessment_url)
    wait_for_final_results(page)
    page.get_by_role("link", name="Review").click()
    expect(page).to_have_url(re.compile(r"/interviews/attempts/\d+$"))
    expect(page.get_by_test_id("review-overall")).to_have_text("100")
    expect(page.locator(".timeline-table tbody tr.flagged")).to_have_count(2)  # paste, tab
    expect(page.locator(".result .rubric")).to_be_visible()
    expect(page.locator(".result .curve")).to_be_visible()
    page.get_by_role("button", name="Show diff").click()
    expect(page.locator(".diff-summary")).to_contain_text("added")

    page.get_by_role("button", name="Load playback").click()
    slider = page.get_by_label("Playback position")
    expect(page.locator(".flag-link")).to_have_count(2)
    page.get_by_label("Playback speed").select_option("16")
    page.get_by_role("button", name="Play").click()
    expect(slider).not_to_have_value("0", timeout=20_000)
    page.locator(".flag-link", has_text="paste").click()
    expect(page.locator(".playback-when")).to_contain_text("paste")

    page.get_by_role("button", name="Comment on line 3").click()
    page.get_by_label("Comment", exact=True).fill("Why a Python loop here?")
    page.get_by_role("button", name="Add comment").click()
    expect(page.locator(".comments")).to_contain_text("Line 3 Why a Python loop here?")

    page.get_by_label("Override Numerical stability").fill("50")
    page.get_by_label("Note on Numerical stability").fill("no clipping")
    page.get_by_label("Summary").fill("Good, one worry.")
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Save scorecard").click()
    expect(page.locator("#scorecard-message")).to_have_text("Saved: automatic 100, yours 90.")
    page.screenshot(path=screenshots / "review.png", full_page=True)

    # A second candidate, who finishes at once; then the two side by side.
    page.goto(assessment_url)
    second_link = invite_link(page, "Bob")
    bob_context = new_context()
    bob_sent = record_requests(bob_context)
    bob = bob_context.new_page()
    bob.goto(second_link)  # logged out: log in from the link's page, which comes back to it
    bob.locator("#invite-register").get_by_role("link", name="Log in").click()
    bob.get_by_label("Username").fill("candidate")
    bob.get_by_label("Password").fill(PASSWORD)
    bob.keyboard.press("Enter")
    expect(bob).to_have_url(f"{live_site.url}/invite")
    bob.get_by_role("button", name="Accept as candidate").click()
    expect(bob.locator("#take-status")).to_contain_text("Time left")
    bob.once("dialog", lambda dialog: dialog.accept())
    bob.get_by_role("button", name="I am done: finish now").click()
    expect(bob.locator("#take-status")).to_contain_text("Finished")

    page.reload()
    rows = page.locator("#results-table tbody tr")
    expect(rows).to_have_count(2)
    page.get_by_label("Compare ann").check()
    page.get_by_label("Compare candidate").check()
    page.get_by_role("button", name="Compare selected").click()
    table = page.locator(".compare-table")
    expect(table.locator("thead")).to_contain_text("ann")
    expect(table.locator("thead")).to_contain_text("candidate")
    expect(table.get_by_role("row", name=re.compile("^Overall"))).to_have_text(
        re.compile(r"Overall\s*100\s*0")
    )
    expect(table.get_by_role("row", name=re.compile("^Human overall"))).to_contain_text("90")
    expect(table.get_by_role("row", name=re.compile("^Recommendation"))).to_contain_text("Yes")
    page.screenshot(path=screenshots / "compare.png", full_page=True)
    exported = page.request.get(
        page.get_by_role("link", name="Export CSV").get_attribute("href") or ""
    )
    assert exported.ok and "ann" in exported.text() and "candidate" in exported.text()
    assert_token_only_in_bodies(ann_sent, link.split("#")[1], live_site)
    assert_token_only_in_bodies(bob_sent, second_link.split("#")[1], live_site)
