// The Account page: change your password; create, list and revoke your API tokens.
import { api, getJSON, postJSON } from "../lib/api.js";
import { initCopyButtons, newPasswordProblem, revealSecret } from "../lib/accounts.js";
import { formatDate, h } from "../lib/format.js";
import { initLayout, pageData, showMessage } from "../lib/layout.js";

const STATUS_LABELS = { active: "Active", expired: "Expired", revoked: "Revoked" };

initLayout();
initCopyButtons();
let tokens = pageData("account-data").tokens;
const passwordForm = document.getElementById("password-form");
const passwordMessage = document.getElementById("password-message");
const tokenForm = document.getElementById("token-form");
const tokenMessage = document.getElementById("token-message");
const newToken = document.getElementById("new-token");
const newTokenValue = document.getElementById("new-token-value");
const table = document.getElementById("token-table");
const noTokens = document.getElementById("no-tokens");

function tokenRow(token) {
  const revoke = token.status === "active"
    ? h("button", {
      type: "button",
      class: "link",
      "aria-label": `Revoke the token ${token.name}`,
      onclick: () => revokeToken(token),
    }, "Revoke")
    : null;
  return h("tr", { "data-token": token.id },
    h("td", {}, token.name),
    h("td", {}, h("time", { datetime: token.created_at }, formatDate(token.created_at))),
    h("td", {}, token.expires_at
      ? h("time", { datetime: token.expires_at }, formatDate(token.expires_at))
      : "never"),
    h("td", {}, h("span", { class: `status status-${token.status}` },
      STATUS_LABELS[token.status] ?? token.status)),
    h("td", {}, revoke));
}

function renderTokens() {
  table.tBodies[0].replaceChildren(...tokens.map(tokenRow));
  table.hidden = tokens.length === 0;
  noTokens.hidden = tokens.length > 0;
}

async function reloadTokens() {
  tokens = await getJSON("/api/v1/tokens");
  renderTokens();
}

async function revokeToken(token) {
  if (!window.confirm(`Revoke the token "${token.name}"? Scripts using it stop working at once.`)) {
    return;
  }
  try {
    await api("DELETE", `/api/v1/tokens/${encodeURIComponent(token.id)}`);
    showMessage(tokenMessage, `Revoked the token "${token.name}".`, "info");
    await reloadTokens();
  } catch (error) {
    showMessage(tokenMessage, `Cannot revoke the token: ${error.message}`);
  }
}

tokenForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const name = tokenForm.elements.name.value.trim();
  if (!name) {
    showMessage(tokenMessage, "Give the token a name that says what uses it.");
    tokenForm.elements.name.focus();
    return;
  }
  const days = tokenForm.elements.expires_in_days.value;
  const button = tokenForm.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    const created = await postJSON("/api/v1/tokens", {
      name,
      expires_in_days: days ? Number(days) : null,
    });
    tokenForm.reset();
    showMessage(tokenMessage, "");
    revealSecret(newToken, newTokenValue, created.token);
    await reloadTokens();
  } catch (error) {
    showMessage(tokenMessage, `Cannot create the token: ${error.message}`);
  } finally {
    button.disabled = false;
  }
});

passwordForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const fields = passwordForm.elements;
  if (!fields.current_password.value) {
    showMessage(passwordMessage, "Type your current password.");
    fields.current_password.focus();
    return;
  }
  const problem = newPasswordProblem(fields.new_password.value, fields.repeat_password.value);
  if (problem) {
    showMessage(passwordMessage, problem);
    fields.new_password.focus();
    return;
  }
  const button = passwordForm.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    await postJSON("/api/v1/me/password", {
      current_password: fields.current_password.value,
      new_password: fields.new_password.value,
    });
    passwordForm.reset();
    newToken.hidden = true;
    showMessage(passwordMessage,
      "Your password is changed. You stay logged in here; your other sessions and all your " +
      "API tokens have ended.", "info");
    await reloadTokens();
  } catch (error) {
    showMessage(passwordMessage, error.message);
    fields.current_password.select();
    fields.current_password.focus();
  } finally {
    button.disabled = false;
  }
});

renderTokens();
