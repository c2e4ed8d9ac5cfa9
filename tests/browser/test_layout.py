"""The site at a phone's width (390 px) and a desktop's (1440 px), in the light and the dark
theme: no page scrolls sideways, the problem page stacks statement, editor and result, the
focus ring stands out, the scripts arrive compressed, and the API docs work offline.
Screenshots of every page at both widths go to var/screenshots/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, Route, expect

from tests.browser.actions import (
    JUDGING_TIMEOUT_MS,
    LOOPY_SOLUTION,
    SLUG,
    log_in,
    replace_code,
    wait_for_result,
)
from tests.browser.conftest import Account, LiveSite, NewContext
from tests.support.platform import PASSWORD

ADMIN = Account("admin", PASSWORD)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
WIDTHS = {"390": PHONE, "1440": DESKTOP}


def open_context(
    new_context: NewContext, viewport: dict[str, int], scheme: str = "light"
) -> BrowserContext:
    return new_context(viewport=viewport, color_scheme=scheme)


@pytest.fixture(params=list(WIDTHS))
def sized_page(request: pytest.FixtureRequest, new_context: NewContext) -> tuple[str, Page]:
    return request.param, open_context(new_context, WIDTHS[request.param]).new_page()


def overflow(page: Page) -> int:
    """How far the page reaches past the window's right edge (0 when nothing does)."""
    width: int = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    return width


def check_and_shoot(page: Page, screenshots: Path, name: str) -> None:
    page.screenshot(path=screenshots / f"{name}.png", full_page=True)
    assert overflow(page) <= 0, f"{name}: the page is {overflow(page)} px wider than the window"
    inner: int = page.evaluate("window.innerWidth")
    scroll: int = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= inner, name


def test_every_page_fits_the_window_at_390_and_1440_px(
    sized_page: tuple[str, Page], live_site: LiveSite, screenshots: Path
) -> None:
    width, page = sized_page
    page.goto("/login")
    check_and_shoot(page, screenshots, f"login-{width}")
    log_in(page, live_site.candidate)
    check_and_shoot(page, screenshots, f"problems-{width}")

    page.goto(f"/problems/{SLUG}")
    expect(page.locator(".cm-content")).to_contain_text("class LineFit")
    check_and_shoot(page, screenshots, f"problem-{width}")
    statement = page.locator(".statement-pane").bounding_box()
    editor = page.locator("#editor").bounding_box()
    assert statement is not None and editor is not None
    if width == "390":  # stacked: the editor below the statement, both within the window
        assert editor["y"] >= statement["y"] + statement["height"] - 1
        assert editor["x"] >= 0 and editor["x"] + editor["width"] <= PHONE["width"]
    else:  # side by side
        assert editor["x"] >= statement["x"] + statement["width"] - 1

    # A long line wraps in the editor instead of widening it.
    replace_code(page, LOOPY_SOLUTION + "\n# " + "a long comment " * 30)
    page.get_by_role("button", name="Run samples").click()
    wait_for_result(page)
    result = page.locator("#result").bounding_box()
    assert result is not None
    assert result["x"] >= 0 and result["x"] + result["width"] <= page.viewport_size["width"]  # type: ignore[index]
    scroller = page.locator(".editor .cm-scroller")
    assert scroller.evaluate("element => element.scrollWidth <= element.clientWidth")
    check_and_shoot(page, screenshots, f"problem-result-{width}")

    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "numjudge_csrf")
    answer = page.request.post(
        f"/api/v1/problems/{SLUG}/submissions",
        data={"code": LOOPY_SOLUTION},
        headers={"X-CSRF-Token": csrf},
    )
    assert answer.status == 202, answer.text()
    page.goto(f"/submissions/{answer.json()['id']}")
    expect(page.get_by_test_id("overall-score")).to_have_text("70", timeout=JUDGING_TIMEOUT_MS)
    check_and_shoot(page, screenshots, f"submission-{width}")
    page.goto(f"/problems/{SLUG}/submissions")
    expect(page.locator("table.history")).to_be_visible()
    check_and_shoot(page, screenshots, f"history-{width}")
    page.goto("/no/such/page")
    check_and_shoot(page, screenshots, f"not-found-{width}")


def create_token(page: Page, name: str) -> None:
    page.get_by_label("Name").fill(name)
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_label("Your new token")).to_be_focused()


def test_the_account_pages_fit_the_window_at_390_and_1440_px(
    sized_page: tuple[str, Page], live_site: LiveSite, screenshots: Path
) -> None:
    width, page = sized_page
    log_in(page, ADMIN, "/account")
    create_token(page, f"a script that checks the layout at {width} px")
    check_and_shoot(page, screenshots, f"account-{width}")

    page.goto("/admin/users")
    username = f"layout-{width}"
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_role("button", name="Create").click()
    link_box = page.get_by_label(f"One-time password link for {username}")
    expect(link_box).to_be_focused()
    link = link_box.input_value()
    check_and_shoot(page, screenshots, f"users-{width}")

    page.goto("/admin/audit")
    expect(page.locator("#audit-table tbody tr").first).to_be_visible()
    check_and_shoot(page, screenshots, f"audit-{width}")

    page.goto(link)
    expect(page.get_by_role("status")).to_contain_text(f"Choose a new password for {username}")
    check_and_shoot(page, screenshots, f"password-reset-{width}")


def test_tables_scroll_inside_their_own_box_at_390_px(
    new_context: NewContext, live_site: LiveSite
) -> None:
    context = open_context(new_context, PHONE)
    page = context.new_page()
    log_in(page, live_site.candidate)
    box = page.locator(".table-scroll").first
    assert box.evaluate("element => getComputedStyle(element).overflowX") == "auto"
    table = page.locator("table.problems").bounding_box()
    assert table is not None and table["x"] + table["width"] <= PHONE["width"] + 1
    context.close()


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two CSS rgb() colours."""

    def luminance(color: str) -> float:
        channels = [int(v) / 255 for v in re.findall(r"\d+(?:\.\d+)?", color)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_theme_follows_the_system_and_the_focus_ring_stands_out(
    new_context: NewContext, live_site: LiveSite, screenshots: Path, scheme: str
) -> None:
    context = open_context(new_context, DESKTOP, scheme)
    page = context.new_page()
    log_in(page, live_site.candidate, f"/problems/{SLUG}")
    expect(page.locator(".cm-content")).to_contain_text("class LineFit")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    text = page.evaluate("getComputedStyle(document.body).color")
    dark = contrast(background, "rgb(0, 0, 0)") < contrast(background, "rgb(255, 255, 255)")
    assert dark == (scheme == "dark"), background
    assert contrast(text, background) >= 7
    editor = page.locator(".cm-editor").evaluate("e => getComputedStyle(e).backgroundColor")
    assert editor == background

    page.get_by_role("button", name="Submit").focus()
    page.keyboard.press("Shift+Tab")  # focused by keyboard: :focus-visible
    expect(page.get_by_role("button", name="Run samples")).to_be_focused()
    ring = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineColor, s.outlineWidth]; })()"
    )
    assert ring[0] != "none" and float(ring[2].removesuffix("px")) >= 2
    panel = page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert contrast(ring[1], background) >= 3, (ring, background)
    assert contrast(ring[1], panel) >= 3, (ring, panel)
    page.screenshot(path=screenshots / f"problem-{scheme}.png")
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_secret_shown_once_reads_well_in_both_themes(
    new_context: NewContext, live_site: LiveSite, screenshots: Path, scheme: str
) -> None:
    context = open_context(new_context, DESKTOP, scheme)
    page = context.new_page()
    log_in(page, ADMIN, "/account")
    create_token(page, f"a script in the {scheme} theme")
    box = page.locator("#new-token")
    background = box.evaluate("e => getComputedStyle(e).backgroundColor")
    label = box.locator("label").evaluate("e => getComputedStyle(e).color")
    assert contrast(label, background) >= 4.5, (label, background)
    page.screenshot(path=screenshots / f"account-token-{scheme}.png")
    context.close()


def test_the_problem_page_scripts_arrive_minified_and_gzipped(
    page: Page, live_site: LiveSite
) -> None:
    log_in(page, live_site.candidate, f"/problems/{SLUG}")
    expect(page.locator(".cm-content")).to_contain_text("class LineFit")
    page.wait_for_load_state("networkidle")
    scripts = page.evaluate(
        "performance.getEntriesByType('resource')"
        ".filter(e => e.name.endsWith('.js') || e.name.includes('.js?'))"
        ".map(e => [e.name, e.encodedBodySize, e.decodedBodySize])"
    )
    sent = sum(encoded for _, encoded, _ in scripts)
    unpacked = sum(decoded for _, _, decoded in scripts)
    assert scripts and sent < unpacked / 2.5, scripts  # gzip
    assert sent < 300_000, f"the problem page's scripts take {sent} bytes: {scripts}"


def test_api_docs_work_offline_under_the_content_security_policy(
    new_context: NewContext, live_site: LiveSite, screenshots: Path
) -> None:
    """/docs and /redoc from the bundle, nothing from another origin, and every part works
    under the policy (``new_context`` fails the test on any refusal): Swagger UI's "Try it
    out" with the session cookie and CSRF header, Authorize, and ReDoc's search, which runs in
    a worker (the one allowance /redoc's policy has)."""
    context = open_context(new_context, DESKTOP)
    elsewhere: list[str] = []

    def only_this_site(route: Route) -> None:
        if route.request.url.startswith(live_site.url):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    context.route("**/*", only_this_site)
    page = context.new_page()
    log_in(page, live_site.candidate)
    page.goto("/docs")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    drafts = page.locator(".opblock-summary-path", has_text="/api/v1/problems/{slug}/draft")
    expect(drafts.first).to_be_visible()
    # A change, tried out: DELETE needs the CSRF header, which docs.js adds.
    discard = page.locator(
        ".opblock-delete", has=page.locator('[data-path="/api/v1/problems/{slug}/draft"]')
    )
    discard.locator(".opblock-summary").click()
    discard.get_by_role("button", name="Try it out").click()
    discard.get_by_placeholder("slug").fill(SLUG)
    discard.get_by_role("button", name="Execute").click()
    expect(discard.locator(".live-responses-table tbody .response-col_status")).to_have_text("204")
    page.get_by_role("button", name=re.compile("Authorize")).first.click()
    expect(page.locator(".modal-ux")).to_contain_text("bearer")
    page.screenshot(path=screenshots / "docs.png")

    page.goto("/redoc")
    expect(page.get_by_role("heading", name=re.compile("NumJudge"))).to_be_visible()
    expect(page.locator("body")).to_contain_text("bearer")
    page.get_by_placeholder("Search...").fill("draft")
    expect(page.locator("[data-role='search:results'] li").first).to_contain_text("Draft")
    page.screenshot(path=screenshots / "redoc.png")
    context.close()
    assert elsewhere == [], f"the docs asked another origin: {elsewhere}"


def test_favicon_and_the_styled_not_found_page(page: Page, live_site: LiveSite) -> None:
    response = page.goto("/favicon.ico")
    assert response is not None and response.status == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    response = page.goto("/there/is/nothing/here")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="Not found")).to_be_visible()
    expect(page.get_by_role("link", name="Go to the problem list")).to_be_visible()
    response = page.goto("/api/v1/there-is-nothing")
    assert response is not None and response.status == 404
    assert response.headers["content-type"] == "application/json"
