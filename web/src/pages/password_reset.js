// The page a one-time password link opens. The token is after "#" (never sent to the
// server with the page request); it is taken out of the address bar and history at once.
import { ApiError, postJSON } from "../lib/api.js";
import { newPasswordProblem } from "../lib/accounts.js";
import { formatDate } from "../lib/format.js";
import { initLayout, showMessage } from "../lib/layout.js";

initLayout();
const token = decodeURIComponent(location.hash.slice(1));
history.replaceState(null, "", location.pathname);
const status = document.getElementById("reset-status");
const form = document.getElementById("reset-form");
const message = document.getElementById("reset-message");
const done = document.getElementById("reset-done");

function unusable(text) {
  status.textContent = text;
  form.hidden = true;
}

async function check() {
  if (!token) {
    unusable("Open the whole link an admin gave you (it ends with a long code after '#'), " +
      "or ask them for a new one.");
    return;
  }
  try {
    const target = await postJSON("/api/v1/auth/password-reset/check", { token });
    status.textContent = `Choose a new password for ${target.username}. This link works once, ` +
      `until ${formatDate(target.expires_at)}.`;
    form.elements.username.value = target.username;
    form.hidden = false;
    form.elements.new_password.focus();
  } catch (error) {
    unusable(error instanceof ApiError && error.status === 404
      ? "This link is unknown, used or expired. Ask an admin for a new one."
      : `Cannot check the link: ${error.message}`);
  }
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const fields = form.elements;
  const problem = newPasswordProblem(fields.new_password.value, fields.repeat_password.value);
  if (problem) {
    showMessage(message, problem);
    fields.new_password.focus();
    return;
  }
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    await postJSON("/api/v1/auth/password-reset", {
      token,
      new_password: fields.new_password.value,
    });
    form.hidden = true;
    showMessage(message, "");
    status.textContent = "Your password is set. Every earlier session and API token of " +
      "this account has ended.";
    done.hidden = false;
    done.querySelector("a").focus();
  } catch (error) {
    showMessage(message, error.message);
    button.disabled = false;
  }
});

check();
