// The Packages page: the drafts are listed by the server; the three forms start a draft
// through the API (from the template, from a current problem, from a zip) and open it.
import { ApiError, postBody, postJSON } from "../lib/api.js";
import { initLayout } from "../lib/layout.js";
import { showIssues } from "../lib/package-issues.js";

initLayout();
const message = document.getElementById("packages-message");

function handle(form, start) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    message.hidden = true;
    try {
      const draft = await start();
      location.assign(`/admin/packages/${draft.id}`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      showIssues(message, error.message, error.body?.issues ?? []);
      button.disabled = false;
    }
  });
}

const field = (form, name) => form.elements.namedItem(name);

const created = document.getElementById("new-form");
handle(created, () => postJSON("/api/v1/package-drafts", {
  slug: field(created, "slug").value.trim(),
  title: field(created, "title").value.trim(),
}));

const copied = document.getElementById("copy-form");
handle(copied, () => {
  const slug = encodeURIComponent(field(copied, "problem").value);
  return postJSON(`/api/v1/problems/${slug}/package-drafts`);
});

const imported = document.getElementById("import-form");
handle(imported, () =>
  postBody("/api/v1/package-drafts/import", "application/zip", field(imported, "zip").files[0]));
