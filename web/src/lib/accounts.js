// What the account pages share: copying a secret shown once, and checking a new password
// before it is sent (the server checks it again and says the same).

export const MIN_PASSWORD_LENGTH = 8;

export function newPasswordProblem(password, repeated) {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `The new password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  if (password !== repeated) return "The two new passwords differ; type the same one twice.";
  return "";
}

async function copyFrom(input) {
  input.select();
  try {
    await navigator.clipboard.writeText(input.value);
    return true;
  } catch {
    // No clipboard API outside a secure context (plain http to another host): the text is
    // selected, so the browser's own copy still works.
    return document.execCommand?.("copy") ?? false;
  }
}

// Buttons with data-copy="<input id>" copy that input's value and say so for a moment.
export function initCopyButtons(root = document) {
  for (const button of root.querySelectorAll("[data-copy]")) {
    button.addEventListener("click", async () => {
      const input = document.getElementById(button.dataset.copy);
      const copied = await copyFrom(input);
      button.textContent = copied ? "Copied" : "Press Ctrl+C";
      setTimeout(() => {
        button.textContent = "Copy";
      }, 2000);
    });
  }
}

// Show a secret in its read-only box, selected so that it can be copied at once.
export function revealSecret(box, input, value) {
  input.value = value;
  box.hidden = false;
  input.focus();
  input.select();
}
