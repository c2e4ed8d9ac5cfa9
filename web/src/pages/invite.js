// An invite link: create a candidate account with it (first use) or accept it logged in,
// then go to the assessment (opening it starts the clock).
import { postJSON } from "../lib/api.js";
import { initLayout, showMessage } from "../lib/layout.js";

initLayout();
const token = location.pathname.split("/").pop();
const message = document.getElementById("invite-message");
const go = (attempt) => window.location.assign(`/my/assessments/${attempt.id}`);

document.getElementById("accept")?.addEventListener("click", async (event) => {
  event.target.disabled = true;
  try {
    go(await postJSON(`/api/v1/invites/${encodeURIComponent(token)}/accept`));
  } catch (error) {
    showMessage(message, error.message);
    event.target.disabled = false;
  }
});

const form = document.getElementById("register-form");
form?.addEventListener("submit", async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const body = { username: String(data.get("username") ?? "").trim(), password: String(data.get("password") ?? "") };
  if (!body.username || body.password.length < 8) {
    showMessage(message, "Choose a username and a password of at least 8 characters.");
    return;
  }
  try {
    go(await postJSON(`/api/v1/invites/${encodeURIComponent(token)}/register`, body));
  } catch (error) {
    showMessage(message, error.message);
  }
});
