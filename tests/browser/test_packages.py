"""The package authoring pages in Chromium against the live site: an admin creates a problem
from the template, edits its statement with the live preview (the server's renderer, KaTeX
over it), saves with Ctrl+S, breaks problem.yaml and sees the fault, fixes it, adds and
deletes a file and exports the zip; an import of a malformed zip lists its faults; both
pages fit a phone's width; an admin validates a new problem (stale once edited), publishes
it, and a candidate submits its reference and gets a verdict; an imported package whose
checks try to reach the host validates with every attempt failed."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from playwright.sync_api import Dialog, Locator, Page, expect

from api.authoring.template import REFERENCE
from sandbox.package_files import read_directory
from sandbox.package_zip import write_zip
from tests.browser.actions import (
    JUDGING_TIMEOUT_MS,
    editor_text,
    log_in,
    replace_code,
    wait_for_result,
)
from tests.browser.conftest import Account, NewContext
from tests.browser.test_layout import PHONE, check_and_shoot
from tests.support.hostile_packages import assert_all_failed, escape_reports, hostile_package
from tests.support.platform import PASSWORD

CANDIDATE = Account("candidate", PASSWORD)
PUBLISHED_SLUG = "published-mean"

ADMIN = Account("admin", PASSWORD)
SLUG = "browser-made"
ADDED = "submissions/slow_mean.py"


def file_button(page: Page, path: str) -> Locator:
    return page.locator(f'#file-list li[data-path="{path}"] button')


def open_file(page: Page, path: str) -> None:
    file_button(page, path).click()
    expect(page.locator("#file-title")).to_have_text(path)


def test_an_admin_authors_a_problem_in_the_browser(page: Page, screenshots: Path) -> None:
    log_in(page, ADMIN, "/admin/packages")
    page.get_by_label("Slug", exact=True).fill(SLUG)
    page.get_by_label("Title", exact=True).fill("Made in the browser")
    page.get_by_role("button", name="Create from the template").click()
    expect(page).to_have_url(re.compile(r"/admin/packages/\d+#"))
    expect(page.locator("#validation-summary")).to_have_text(re.compile("^No fault"))

    open_file(page, "statement.md")
    expect(file_button(page, "statement.md")).to_have_attribute("aria-current", "true")
    page.locator(".cm-content").click()
    page.keyboard.press("ControlOrMeta+End")
    page.keyboard.type("\n\nThe gradient is $\\nabla L = 2(w - y)$ here.\n")
    # The preview: the server's HTML, then KaTeX (its MathML keeps the TeX source).
    expect(page.locator("#preview")).to_contain_text("The gradient is")
    expect(page.locator("#preview annotation", has_text="\\nabla L = 2(w - y)")).to_have_count(1)
    expect(page.locator('#file-list li[data-path="statement.md"]')).to_contain_text("(unsaved)")
    # Leaving with an unsaved file asks first; staying keeps the text.
    dialogs: list[str] = []

    def stay(dialog: Dialog) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.once("dialog", stay)
    page.get_by_role("link", name="← Packages").click(no_wait_after=True)
    for _ in range(100):
        if dialogs:
            break
        page.wait_for_timeout(100)
    assert dialogs == ["beforeunload"]
    expect(page).to_have_url(re.compile(r"/admin/packages/\d+#statement\.md$"))
    page.keyboard.press("ControlOrMeta+s")
    expect(page.locator("#save-status")).to_contain_text("Saved statement.md")
    expect(page.locator('#file-list li[data-path="statement.md"]')).not_to_contain_text("unsaved")
    page.screenshot(path=screenshots / "package-statement.png", full_page=True)

    open_file(page, "problem.yaml")
    expect(page.locator("#preview-pane")).to_be_hidden()
    original = editor_text(page)
    replace_code(page, "slug: [\n")
    page.get_by_role("button", name="Save", exact=True).click()
    faults = page.locator("#issues li")
    yaml_fault = faults.filter(has_text="problem.yaml").first
    expect(yaml_fault).to_contain_text("not valid YAML")
    expect(page.locator("#validation-summary")).to_contain_text("fault")
    open_file(page, "starter.py")
    yaml_fault.get_by_role("button", name="problem.yaml").click()  # opens the file
    expect(page.locator("#file-title")).to_have_text("problem.yaml")
    replace_code(page, original)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#validation-summary")).to_have_text(re.compile("^No fault"))
    expect(faults).to_have_count(0)

    page.get_by_label("New file").fill(ADDED)
    page.get_by_role("button", name="Add file").click()
    expect(page.locator("#file-title")).to_have_text(ADDED)
    expect(file_button(page, ADDED)).to_have_attribute("aria-current", "true")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete file").click()
    expect(file_button(page, ADDED)).to_have_count(0)

    href = page.get_by_role("link", name="Export zip").get_attribute("href")
    assert href is not None
    exported = page.request.get(href)
    assert exported.status == 200 and exported.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(exported.body())) as package:
        names = set(package.namelist())
        statement = package.read(f"problems/{SLUG}/statement.md").decode()
    assert f"problems/{SLUG}/problem.yaml" in names
    assert f"problems/{SLUG}/{ADDED}" not in names
    assert "The gradient is $\\nabla L = 2(w - y)$ here." in statement


def test_a_malformed_zip_is_refused_with_every_fault(
    page: Page, new_context: NewContext, tmp_path: Path, screenshots: Path
) -> None:
    zipped = tmp_path / "broken.zip"
    with zipfile.ZipFile(zipped, "w") as package:
        package.writestr("problems/broken/problem.yaml", "slug: [\n")
        package.writestr("problems/broken/notes.txt", "not part of a package\n")
    log_in(page, ADMIN, "/admin/packages")
    drafts_before = page.locator("tr[data-draft]").count()
    page.get_by_label("Zip of problems/<slug>/").set_input_files(zipped)
    page.get_by_role("button", name="Import").click()
    alert = page.locator("#packages-message")
    expect(alert).to_contain_text("was not imported")
    expect(alert.locator("li", has_text="notes.txt")).to_have_count(1)
    expect(alert.locator("li", has_text="not valid YAML")).to_contain_text("problem.yaml line 2")
    expect(alert.locator("li", has_text="checks.py: missing")).to_have_count(1)
    page.reload()
    expect(page.locator("tr[data-draft]")).to_have_count(drafts_before)

    # Both pages at a phone's width: nothing wider than the window.
    phone = new_context(viewport=PHONE).new_page()
    log_in(phone, ADMIN, "/admin/packages")
    check_and_shoot(phone, screenshots, "packages-390")
    phone.get_by_label("Slug", exact=True).fill("phone-made")
    phone.get_by_label("Title", exact=True).fill("Made on a phone")
    phone.get_by_role("button", name="Create from the template").click()
    expect(phone.locator("#file-title")).to_have_text("statement.md")
    expect(phone.locator("#preview h1")).to_have_text("Made on a phone")
    check_and_shoot(phone, screenshots, "package-390")


def validate(page: Page) -> None:
    page.get_by_role("button", name="Validate").click()
    status = page.locator("#run-status")
    expect(status).to_contain_text("running", timeout=JUDGING_TIMEOUT_MS)
    expect(status).to_contain_text("passed", timeout=JUDGING_TIMEOUT_MS)


def test_an_admin_validates_and_publishes_and_a_candidate_submits(
    page: Page, new_context: NewContext, screenshots: Path
) -> None:
    log_in(page, ADMIN, "/admin/packages")
    page.get_by_label("Slug", exact=True).fill(PUBLISHED_SLUG)
    page.get_by_label("Title", exact=True).fill("Published from the browser")
    page.get_by_role("button", name="Create from the template").click()
    expect(page).to_have_url(re.compile(r"/admin/packages/\d+#"))
    expect(page.locator("#run-status")).to_have_text("Not validated yet.")
    publish = page.get_by_role("button", name="Publish")
    expect(publish).to_be_disabled()

    validate(page)
    rows = page.locator("#known-table tbody tr")
    expect(rows).to_have_count(2)
    loop = rows.filter(has_text="loop_over_samples.py")
    expect(loop.locator("td").nth(1)).to_contain_text("loses points in")
    expect(loop.locator("td").nth(3)).to_have_text("—")  # nothing unmet
    expect(rows.locator(".mark")).to_have_text(["✓ met", "✓ met"])
    expect(publish).to_be_enabled()
    page.screenshot(path=screenshots / "package-validated.png", full_page=True)

    # An edit makes the validation stale: no publishing until the new revision passes.
    open_file(page, "hints.md")
    page.locator(".cm-content").click()
    page.keyboard.press("ControlOrMeta+End")
    page.keyboard.type("\nLook at the mean.\n")
    page.keyboard.press("ControlOrMeta+s")
    expect(page.locator("#run-status")).to_contain_text("Stale")
    expect(publish).to_be_disabled()
    validate(page)
    expect(page.locator("#run-status")).to_contain_text("revision 2 passed")
    publish.click()
    published = page.locator("#published")
    expect(published).to_contain_text("Published revision 2 as version 1")
    published.get_by_role("link", name="Open the problem page").click()
    expect(page).to_have_url(re.compile(f"/problems/{PUBLISHED_SLUG}$"))

    candidate = new_context().new_page()
    log_in(candidate, CANDIDATE, f"/problems/{PUBLISHED_SLUG}")
    expect(candidate.locator("h1").first).to_contain_text("Published from the browser")
    replace_code(candidate, REFERENCE)
    candidate.get_by_role("button", name="Submit").click()
    wait_for_result(candidate)
    expect(candidate.locator("#result")).to_contain_text("Accepted")
    expect(candidate.locator("#result")).to_contain_text("100")


def test_an_imported_package_whose_checks_try_to_reach_the_host_reaches_nothing(
    page: Page, tmp_path: Path, screenshots: Path
) -> None:
    """Its checks.py tries to read a host file, write one, talk to the Docker socket and
    connect to PostgreSQL, at import and when it runs: the validation shows every attempt
    failed (the check, run in a package container, says so in its message)."""
    directory, marker, secret = hostile_package(tmp_path, {"checks.py": "checks_escape.py"})
    zipped = tmp_path / "hostile.zip"
    zipped.write_bytes(write_zip(directory.name, read_directory(directory)[0]))
    log_in(page, ADMIN, "/admin/packages")
    page.get_by_label("Zip of problems/<slug>/").set_input_files(zipped)
    page.get_by_role("button", name="Import").click()
    expect(page).to_have_url(re.compile(r"/admin/packages/\d+#"))
    page.get_by_role("button", name="Validate").click()
    # The escape check fails the reference (it is a check of code_organization): the
    # validation fails, and says why.
    expect(page.locator("#run-status")).to_contain_text("failed", timeout=JUDGING_TIMEOUT_MS)
    reference = page.locator("#known-table tbody tr", has_text="reference.py")
    reference.locator("summary").click()
    escape = reference.locator("li", has_text="escape (0): ESCAPE [")
    expect(escape).to_have_count(1)
    attempts = escape_reports(escape.inner_text())
    assert len(attempts) == 2  # at import, at run time
    for attempt in attempts:
        assert_all_failed(attempt)
    page.screenshot(path=screenshots / "package-hostile-checks.png", full_page=True)
    assert not marker.exists()
    assert secret not in page.content()
