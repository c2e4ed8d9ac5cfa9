"""The account pages in Chromium against the live site: an admin creates an account, the
new user sets their password through the one-time link, the admin deactivates them and
their open session ends; a user manages API tokens and changes their password, which ends
their other sessions and tokens. Everything really happens: uvicorn, PostgreSQL, Redis."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
from playwright.sync_api import Page, expect

from tests.browser.actions import log_in
from tests.browser.conftest import Account, LiveSite, NewContext
from tests.support.platform import PASSWORD


def bearer_status(live_site: LiveSite, token: str) -> int:
    headers = {"Authorization": f"Bearer {token}"}
    return httpx.get(f"{live_site.url}/api/v1/me", headers=headers, timeout=30).status_code


def test_an_admin_creates_an_account_and_deactivates_it(
    page: Page, new_context: NewContext, live_site: LiveSite, screenshots: Path
) -> None:
    log_in(page, Account("admin", PASSWORD))
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Users").click()
    expect(page).to_have_url(re.compile("/admin/users$"))
    expect(page.locator("tr[data-user]")).to_have_count(4)

    page.get_by_label("Username", exact=True).fill("newhire")
    page.get_by_label("Role", exact=True).select_option("candidate")
    page.get_by_role("button", name="Create").click()
    expect(page.get_by_role("alert")).to_have_text("Created newhire (candidate).")
    row = page.locator('tr[data-user="newhire"]')
    expect(row).to_contain_text("Active")
    link_box = page.get_by_label("One-time password link for newhire")
    expect(link_box).to_be_focused()
    link = link_box.input_value()
    assert re.fullmatch(re.escape(live_site.url) + r"/password-reset#[\w-]{40,}", link), link
    page.screenshot(path=screenshots / "users.png", full_page=True)

    # The new user opens the link in their own browser and chooses a password.
    newhire_context = new_context()  # a second person (or device): its own cookies
    newhire = newhire_context.new_page()
    newhire.goto(link)
    expect(newhire.get_by_role("status")).to_contain_text("Choose a new password for newhire")
    expect(newhire).to_have_url(re.compile(r"/password-reset$"))  # the token left the URL
    newhire.get_by_label("New password", exact=True).fill("newhire's password")
    newhire.get_by_label("Repeat it").fill("newhire's password")
    newhire.get_by_role("button", name="Set password").click()
    expect(newhire.get_by_role("status")).to_contain_text("Your password is set")
    newhire.get_by_role("link", name="Log in with your new password").click()
    newhire.get_by_label("Username").fill("newhire")
    newhire.get_by_label("Password").fill("newhire's password")
    newhire.keyboard.press("Enter")
    expect(newhire).to_have_url(re.compile("/problems$"))
    # The link was used up.
    newhire.goto(link)
    expect(newhire.get_by_role("status")).to_contain_text("unknown, used or expired")

    # The admin deactivates the account: the open session ends at once.
    row.get_by_role("button", name="Deactivate newhire").click()
    expect(page.get_by_role("alert")).to_contain_text("newhire is deactivated")
    expect(row).to_contain_text("Deactivated")
    expect(row.get_by_role("button", name="Reactivate newhire")).to_be_focused()
    expect(row.get_by_role("button", name="Password link for newhire")).to_be_disabled()
    newhire.goto("/problems")
    expect(newhire).to_have_url(re.compile(r"/login\?next="))
    newhire.get_by_label("Username").fill("newhire")
    newhire.get_by_label("Password").fill("newhire's password")
    newhire.keyboard.press("Enter")
    expect(newhire.get_by_role("alert")).to_contain_text("this account is deactivated")
    newhire_context.close()

    # The admin cannot lock themselves out from this page.
    own = page.locator('tr[data-user="admin"]')
    expect(own.get_by_role("combobox", name="Role of admin")).to_be_disabled()
    expect(own.get_by_role("button", name="Deactivate admin")).to_be_disabled()

    # Changing a role, then the audit log says who did what to whom.
    page.get_by_role("combobox", name="Role of other").select_option("interviewer")
    expect(page.get_by_role("alert")).to_have_text("other is now interviewer.")
    page.get_by_role("button", name="Password link for other").click()
    expect(page.get_by_label("One-time password link for other")).to_be_focused()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Audit log").click()
    actions = page.locator("#audit-table tbody tr")
    expected = [
        ("user.password_reset", "other"),
        ("user.role", "other"),
        ("user.deactivate", "newhire"),
        ("user.password_reset", "newhire"),
        ("user.create", "newhire"),
    ]
    expect(actions).to_have_count(len(expected))
    for index, (action, target) in enumerate(expected):
        cells = actions.nth(index).locator("td")
        expect(cells.nth(1)).to_have_text("admin")
        expect(cells.nth(2)).to_have_text(action)
        expect(cells.nth(3)).to_have_text(target)
    page.get_by_role("link", name="other").first.click()
    expect(page).to_have_url(re.compile(r"/admin/audit\?target=other$"))
    expect(actions).to_have_count(2)
    page.screenshot(path=screenshots / "audit-log.png", full_page=True)


def test_a_user_manages_tokens_and_changes_their_password(
    page: Page, new_context: NewContext, live_site: LiveSite, screenshots: Path
) -> None:
    user = Account("candidate", PASSWORD)
    log_in(page, user)
    expect(page.get_by_role("link", name="Users")).to_have_count(0)  # not an admin
    page.get_by_role("link", name="Account").click()
    expect(page).to_have_url(re.compile("/account$"))
    page.wait_for_load_state()  # the token form's handler comes with the page's scripts
    expect(page.get_by_text("You have no API tokens.")).to_be_visible()

    def create_token(name: str) -> str:
        page.get_by_label("Name").fill(name)
        page.get_by_label("Expires").select_option("30")
        page.get_by_role("button", name="Create token").click()
        secret = page.get_by_label("Your new token")
        expect(secret).to_be_focused()
        expect(page.locator(f'tr[data-token] td:text-is("{name}")')).to_be_visible()
        return secret.input_value()

    laptop, ci = create_token("laptop"), create_token("ci")
    assert laptop.startswith("nj_") and laptop != ci
    assert bearer_status(live_site, laptop) == bearer_status(live_site, ci) == 200

    # Revoke one: it stops working, the other goes on.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Revoke the token laptop").click()
    expect(page.get_by_role("alert").last).to_have_text('Revoked the token "laptop".')
    expect(page.locator("tr[data-token]", has_text="laptop")).to_contain_text("Revoked")
    assert bearer_status(live_site, laptop) == 401
    assert bearer_status(live_site, ci) == 200

    # The same user in another browser.
    elsewhere_context = new_context()  # a second person (or device): its own cookies
    elsewhere = elsewhere_context.new_page()
    log_in(elsewhere, user)

    page.get_by_label("Current password").fill("not my password")
    page.get_by_label("New password", exact=True).fill("a fresh password")
    page.get_by_label("Repeat the new password").fill("a fresh password")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator("#password-message")).to_have_text(
        "the current password is wrong; type it again"
    )
    page.get_by_label("Current password").fill(PASSWORD)
    page.get_by_role("button", name="Change password").click()
    expect(page.locator("#password-message")).to_contain_text("Your password is changed")
    expect(page.locator("tr[data-token]", has_text="ci")).to_contain_text("Revoked")
    page.screenshot(path=screenshots / "account.png", full_page=True)
    assert bearer_status(live_site, ci) == 401

    # This browser stays logged in; the other one is logged out; the new password works.
    page.goto("/problems")
    expect(page).to_have_url(re.compile("/problems$"))
    elsewhere.goto("/problems")
    expect(elsewhere).to_have_url(re.compile(r"/login\?next="))
    elsewhere.get_by_label("Username").fill("candidate")
    elsewhere.get_by_label("Password").fill("a fresh password")
    elsewhere.keyboard.press("Enter")
    expect(elsewhere).to_have_url(re.compile("/problems$"))
    elsewhere_context.close()
