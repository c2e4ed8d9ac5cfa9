// The Rejudges page: the list is rendered on the server; the form starts a rejudge of a
// problem's submissions through the API and opens its progress page.
import { ApiError, postJSON } from "../lib/api.js";
import { initLayout, showMessage } from "../lib/layout.js";

initLayout();
const form = document.getElementById("rejudge-form");
const message = document.getElementById("rejudge-message");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const slug = form.problem.value;
  const version = form.version.value ? Number(form.version.value) : null;
  try {
    const started = await postJSON(`/api/v1/problems/${encodeURIComponent(slug)}/rejudge`, { version });
    location.assign(`/admin/rejudges/${started.id}`);
  } catch (error) {
    showMessage(message, error instanceof ApiError ? error.message : String(error));
  }
});
