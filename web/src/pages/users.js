// The admins' Users page: create accounts, change roles, deactivate and reactivate, hand
// out one-time password links. Every change goes through /api/v1/users.
import { api, postJSON } from "../lib/api.js";
import { initCopyButtons, revealSecret } from "../lib/accounts.js";
import { formatDate, h } from "../lib/format.js";
import { initLayout, pageData, showMessage } from "../lib/layout.js";

initLayout();
initCopyButtons();
const { users, me } = pageData("users-data");
const roles = pageData("roles-data");
const tbody = document.getElementById("user-table").tBodies[0];
const message = document.getElementById("users-message");
const createForm = document.getElementById("create-form");
const linkBox = document.getElementById("reset-link");
const linkLabel = document.getElementById("reset-link-label");
const linkValue = document.getElementById("reset-link-value");
const linkHint = document.getElementById("reset-link-hint");

const userPath = (username) => `/api/v1/users/${encodeURIComponent(username)}`;

function showLink(link) {
  linkLabel.textContent = `One-time password link for ${link.username}`;
  linkHint.textContent = `Send it to ${link.username}. It works once, until ` +
    `${formatDate(link.expires_at)}; issuing another cancels it.`;
  revealSecret(linkBox, linkValue, link.url);
}

function userRow(user) {
  const self = user.username === me;
  const selfNote = self ? "You cannot change your own role or deactivate yourself." : null;
  const role = h("select", {
    "aria-label": `Role of ${user.username}`,
    disabled: self,
    title: selfNote,
    onchange: (event) => update(user, { role: event.target.value }, "select"),
  }, roles.map((name) => h("option", { value: name, selected: name === user.role }, name)));
  const toggle = h("button", {
    type: "button",
    disabled: self,
    title: selfNote,
    "data-action": "toggle",
    "aria-label": `${user.is_active ? "Deactivate" : "Reactivate"} ${user.username}`,
    onclick: () => update(user, { is_active: !user.is_active }, "[data-action=toggle]"),
  }, user.is_active ? "Deactivate" : "Reactivate");
  const reset = h("button", {
    type: "button",
    "aria-label": `Password link for ${user.username}`,
    disabled: !user.is_active,
    title: user.is_active ? null : "Reactivate the account first.",
    onclick: () => issueLink(user),
  }, "Password link");
  return h("tr", { "data-user": user.username, class: user.is_active ? null : "inactive" },
    h("td", {}, h("strong", {}, user.username)),
    h("td", {}, role),
    h("td", {}, user.is_active ? "Active" : "Deactivated"),
    h("td", {}, h("time", { datetime: user.created_at }, formatDate(user.created_at))),
    h("td", { class: "row-actions" }, toggle, reset));
}

function render() {
  tbody.replaceChildren(...users.map(userRow));
}

// Replace one account's row, keeping the focus on the control that was used.
function replaceRow(user, focusSelector) {
  const old = tbody.querySelector(`tr[data-user="${CSS.escape(user.username)}"]`);
  const fresh = userRow(user);
  old.replaceWith(fresh);
  if (focusSelector) fresh.querySelector(focusSelector)?.focus();
}

function describe(before, after) {
  if (before.role !== after.role) return `${after.username} is now ${after.role}.`;
  return after.is_active
    ? `${after.username} is reactivated and can log in again.`
    : `${after.username} is deactivated: their sessions and API tokens have ended.`;
}

async function update(user, changes, focusSelector) {
  try {
    const updated = await api("PATCH", userPath(user.username), changes);
    const message_ = describe(user, updated);
    Object.assign(user, updated);
    showMessage(message, message_, "info");
  } catch (error) {
    showMessage(message, `Cannot change ${user.username}: ${error.message}`);
  }
  replaceRow(user, focusSelector);
}

async function issueLink(user) {
  try {
    showLink(await postJSON(`${userPath(user.username)}/password-reset`));
    showMessage(message, "");
  } catch (error) {
    showMessage(message, `Cannot issue a password link for ${user.username}: ${error.message}`);
  }
}

createForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const fields = createForm.elements;
  const username = fields.username.value.trim();
  if (!username) {
    showMessage(message, "Type a username for the new account.");
    fields.username.focus();
    return;
  }
  const body = { username, role: fields.role.value };
  if (fields.password.value) body.password = fields.password.value;
  const button = createForm.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    const created = await postJSON("/api/v1/users", body);
    users.push(created.user);
    users.sort((a, b) => a.username.localeCompare(b.username));
    render();
    createForm.reset();
    linkBox.hidden = true;
    showMessage(message, `Created ${created.user.username} (${created.user.role}).`, "info");
    if (created.password_reset) showLink(created.password_reset);
  } catch (error) {
    showMessage(message, `Cannot create the account: ${error.message}`);
    fields.username.focus();
  } finally {
    button.disabled = false;
  }
});

render();
