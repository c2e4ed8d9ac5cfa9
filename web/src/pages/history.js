// One problem's submission history, with a unified diff between any two of them.
import { getJSON } from "../lib/api.js";
import { renderUnifiedDiff } from "../lib/diff.js";
import { formatDate } from "../lib/format.js";
import { initLayout, pageData, showMessage } from "../lib/layout.js";

initLayout();
const { submissions } = pageData("history-data");
const form = document.getElementById("diff-form");
const output = document.getElementById("diff-output");
const message = document.getElementById("diff-message");
const codeCache = new Map();

for (const item of submissions) {
  if (typeof item.code === "string") codeCache.set(String(item.id), item.code);
}

async function codeOf(id) {
  if (!codeCache.has(id)) {
    const submission = await getJSON(`/api/v1/submissions/${encodeURIComponent(id)}`);
    codeCache.set(id, submission.code ?? "");
  }
  return codeCache.get(id);
}

function nameOf(id) {
  const item = submissions.find((s) => String(s.id) === id);
  return item ? `submission ${id} (${formatDate(item.created_at)})` : `submission ${id}`;
}

async function compare() {
  const older = form.older.value;
  const newer = form.newer.value;
  if (!older || !newer) return;
  showMessage(message, "");
  try {
    const [oldText, newText] = await Promise.all([codeOf(older), codeOf(newer)]);
    renderUnifiedDiff(output, nameOf(older), nameOf(newer), oldText, newText);
  } catch (error) {
    showMessage(message, `Cannot load the code to compare: ${error.message}`);
  }
}

if (form) {
  form.addEventListener("change", compare);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    compare();
  });
  for (const button of document.querySelectorAll("[data-diff-pick]")) {
    button.addEventListener("click", () => {
      form[button.dataset.diffPick].value = button.dataset.id;
      compare();
      form.scrollIntoView({ block: "nearest" });
    });
  }
  compare();
}
