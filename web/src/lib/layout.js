// What every page shares: the header's logout button and assessment timer, and reading data
// the server embedded.
import { postJSON } from "./api.js";
import { showTimer } from "./attempt.js";

export function pageData(id) {
  const element = document.getElementById(id);
  return element ? JSON.parse(element.textContent) : null;
}

export function initLayout() {
  showTimer(); // candidates: the time left of an assessment under way
  const logout = document.getElementById("logout");
  if (logout) {
    logout.addEventListener("click", async () => {
      logout.disabled = true;
      try {
        await postJSON("/api/v1/auth/logout");
      } finally {
        window.location.assign("/login");
      }
    });
  }
}

export function showMessage(element, text, kind = "error") {
  element.textContent = text;
  element.dataset.kind = kind;
  element.hidden = !text;
}
