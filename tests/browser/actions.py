"""What the browser tests do as a candidate would: log in, edit code, wait for a verdict."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import Account

PROBLEM = Path(__file__).parent / "problems" / "descent-line"
SLUG = "descent-line"
SOLUTION = (PROBLEM / "reference.py").read_text()
LOOPY_SOLUTION = (PROBLEM / "submissions" / "loop_sum.py").read_text()
JUDGING_TIMEOUT_MS = 90_000


def log_in(page: Page, account: Account, next_path: str = "/problems") -> None:
    page.goto(next_path)
    expect(page).to_have_url(re.compile(r"/login\?next="))
    page.get_by_label("Username").fill(account.username)
    page.get_by_label("Password").fill(account.password)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(next_path) + "$"))
    # The URL changes when the redirect commits, before the page's module scripts run: a
    # form used before then submits natively (seen once: a token form that reloaded the
    # page instead of creating the token).
    page.wait_for_load_state()


def editor_text(page: Page) -> str:
    """The editor's whole text, from CodeMirror's own state: the DOM holds only the lines
    near the window (with soft wrap, a long document is not all drawn). ``cmTile`` is how
    @codemirror/view (6.4x) finds the view from its DOM (``EditorView.findFromDOM``)."""
    text: str = page.locator(".cm-content").evaluate(
        "content => content.cmTile.root.view.state.doc.toString()"
    )
    return text


def replace_code(page: Page, code: str) -> None:
    """Select everything in the editor and put ``code`` in its place, through the keyboard:
    ``insert_text`` is what an input method or a paste delivers, so CodeMirror's auto-indent
    does not re-indent the lines as it would for typed Enter keys."""
    page.locator(".cm-content").click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.insert_text(code)


def wait_for_result(page: Page) -> None:
    expect(page.locator("body")).not_to_have_class(
        re.compile(r"\bjudging\b"), timeout=JUDGING_TIMEOUT_MS
    )
    expect(page.locator("#result")).to_be_visible()
