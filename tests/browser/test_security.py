"""The pages' defences as a browser sees them: login sends nobody to another origin, and no
page can be framed. (That the Content Security Policy breaks nothing is checked by every
browser test: the ``page`` fixture fails on any console error, CSP refusals included.)"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.browser.conftest import LAPTOP_VIEWPORT, LiveSite

# Another origin, on loopback all the same: were a redirect to escape, nothing leaves.
ELSEWHERE = "127.0.0.2:9"


@pytest.mark.parametrize(
    "next_value",
    [
        f"%2F%09%2F{ELSEWHERE}%2Fpwned",  # "/\t/host": the browser drops the tab: "//host"
        f"%2F%0A%2F{ELSEWHERE}%2Fpwned",  # the same with a newline
        f"%2F%5C{ELSEWHERE}%2Fpwned",  # "/\\host", which browsers read as "//host"
        f"http%3A%2F%2F{ELSEWHERE}%2Fpwned",
        "javascript%3Aalert(1)",
    ],
)
def test_login_never_sends_the_visitor_to_another_origin(
    page: Page, live_site: LiveSite, next_value: str
) -> None:
    left: list[str] = []

    def stay_on_the_site(route: Route) -> None:
        if route.request.url.startswith(live_site.url + "/"):
            route.continue_()
        else:
            left.append(route.request.url)
            route.abort()

    page.route("**/*", stay_on_the_site)
    page.goto(f"/login?next={next_value}")
    page.get_by_label("Username").fill(live_site.candidate.username)
    page.get_by_label("Password").fill(live_site.candidate.password)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_site.url}/problems")
    assert left == []


def test_next_still_leads_to_any_page_of_the_site(page: Page, live_site: LiveSite) -> None:
    page.goto("/login?next=%2Fproblems%3Fdifficulty%3Deasy")
    page.get_by_label("Username").fill(live_site.candidate.username)
    page.get_by_label("Password").fill(live_site.candidate.password)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_site.url}/problems?difficulty=easy")


def test_no_page_of_the_site_shows_inside_a_frame(browser: Browser, live_site: LiveSite) -> None:
    """Framed, the login page could be overlaid by another site (clickjacking)."""
    context = browser.new_context(viewport=LAPTOP_VIEWPORT)
    page = context.new_page()
    refusals: list[str] = []
    page.on("console", lambda message: refusals.append(message.text))
    page.set_content(f'<iframe src="{live_site.url}/login" width="800" height="600"></iframe>')
    frame = page.frame_locator("iframe")
    expect(page.locator("iframe")).to_be_attached()
    page.wait_for_load_state("load")
    expect(frame.locator("#login-form")).to_have_count(0)
    assert any(re.search(r"frame-ancestors|X-Frame-Options", text) for text in refusals)
    context.close()
