// An invite link, <site>/invite#<token>: create a candidate account with it (first use) or
// accept it logged in, then go to the assessment (opening it starts the clock).
//
// The token is after "#", so the browser never sends it with a request for a page; it goes
// to the API in JSON bodies only. It leaves the address bar and history at once and waits
// in this tab's sessionStorage, so that "log in" (which comes back to /invite) still has it.
import { ApiError, postJSON } from "../lib/api.js";
import { formatDate } from "../lib/format.js";
import { initLayout, showMessage } from "../lib/layout.js";

const STORED_TOKEN = "numjudge-invite-token";

initLayout();

function takeToken() {
  const fromLink = decodeURIComponent(location.hash.slice(1));
  if (fromLink) {
    sessionStorage.setItem(STORED_TOKEN, fromLink);
    history.replaceState(null, "", location.pathname);
    return fromLink;
  }
  return sessionStorage.getItem(STORED_TOKEN) ?? "";
}

const token = takeToken();
const status = document.getElementById("invite-status");
const message = document.getElementById("invite-message");
const actions = document.getElementById("invite-actions");

function go(attempt) {
  sessionStorage.removeItem(STORED_TOKEN);
  window.location.assign(`/my/assessments/${attempt.id}`);
}

function describe(info) {
  const problems = `${info.problems} problem${info.problems === 1 ? "" : "s"}`;
  let text = `You are invited to a timed assessment: ${problems}, ${info.time_limit_minutes} ` +
    "minutes. The clock starts when you open it, not before.";
  if (info.opens_at) text += ` It opens at ${formatDate(info.opens_at)}.`;
  if (info.closes_at) text += ` It closes at ${formatDate(info.closes_at)}.`;
  return text;
}

async function check() {
  if (!token) {
    status.textContent = "Open the whole link your interviewer sent you (it ends with a long " +
      "code after '#'), or ask them for a new one.";
    return;
  }
  let info;
  try {
    info = await postJSON("/api/v1/invites/info", { token });
  } catch (error) {
    status.textContent = error instanceof ApiError && error.status === 404
      ? "This invite link is not valid. Check it, or ask your interviewer for a new one."
      : `Cannot check the link: ${error.message}`;
    return;
  }
  if (info.attempt_id !== null) {
    go({ id: info.attempt_id });
    return;
  }
  document.getElementById("invite-title").textContent = info.assessment;
  status.textContent = describe(info);
  const used = document.getElementById("invite-used");
  if (used && info.used) {
    used.hidden = false;
    document.getElementById("invite-register").hidden = true;
  }
  actions.hidden = false;
}

document.getElementById("accept")?.addEventListener("click", async (event) => {
  event.target.disabled = true;
  try {
    go(await postJSON("/api/v1/invites/accept", { token }));
  } catch (error) {
    showMessage(message, error.message);
    event.target.disabled = false;
  }
});

const form = document.getElementById("register-form");
form?.addEventListener("submit", async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const username = String(data.get("username") ?? "").trim();
  const password = String(data.get("password") ?? "");
  if (!username || password.length < 8) {
    showMessage(message, "Choose a username and a password of at least 8 characters.");
    return;
  }
  try {
    go(await postJSON("/api/v1/invites/register", { token, username, password }));
  } catch (error) {
    showMessage(message, error.message);
  }
});

check();
