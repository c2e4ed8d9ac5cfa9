// The login form: posts to the JSON API, then goes where the user was headed.
import { ApiError, postJSON } from "../lib/api.js";
import { initLayout, showMessage } from "../lib/layout.js";

// Only a page of this site (no open redirect): `next` is resolved the way the browser will
// resolve it (which drops tabs and newlines, so "/\t/host" means "//host") and kept only
// when it stays on this origin.
function safeNext(value) {
  if (!value) return "/problems";
  let target;
  try {
    target = new URL(value, window.location.origin);
  } catch {
    return "/problems";
  }
  if (target.origin !== window.location.origin) return "/problems";
  return target.pathname + target.search + target.hash;
}

initLayout();
const form = document.getElementById("login-form");
const message = document.getElementById("login-message");
const button = form.querySelector("button[type=submit]");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const username = String(data.get("username") ?? "").trim();
  const password = String(data.get("password") ?? "");
  if (!username || !password) {
    showMessage(message, "Enter your username and your password.");
    (username ? form.password : form.username).focus();
    return;
  }
  button.disabled = true;
  showMessage(message, "");
  try {
    await postJSON("/api/v1/auth/login", { username, password });
    window.location.assign(safeNext(new URLSearchParams(location.search).get("next")));
  } catch (error) {
    const text = error instanceof ApiError && error.status === 401
      ? "Wrong username or password. Check both and try again."
      : error.message;
    showMessage(message, text);
    form.password.select();
    form.password.focus();
    button.disabled = false;
  }
});
