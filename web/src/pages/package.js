// One package draft, edited as files: the file list (the open one marked, unsaved ones
// marked), a CodeMirror editor per file (each with its own undo history), Save (Ctrl/⌘+S),
// New file, Delete file, the static validation after every save with each fault's file a
// link, and for the statement, hints and editorial a live preview rendered by the server's
// own Markdown renderer (sanitized there) with KaTeX over it, as the problem page shows them;
// below, Validate and Publish (lib/package-publishing.js).
import { ApiError, api, postJSON } from "../lib/api.js";
import { createEditor } from "../lib/editor.js";
import { formatClock, h } from "../lib/format.js";
import { initLayout, pageData } from "../lib/layout.js";
import { renderMath } from "../lib/math.js";
import { issueItems, showIssues } from "../lib/package-issues.js";
import { initPublishing } from "../lib/package-publishing.js";

initLayout();
const PREVIEWED = new Set(["statement.md", "hints.md", "editorial.md"]);
const PREVIEW_DELAY_MS = 400;
const draft = pageData("package-data");
const draftPath = `/api/v1/package-drafts/${draft.id}`;
const fileUrl = (path) => `${draftPath}/files/${path.split("/").map(encodeURIComponent).join("/")}`;

const fileList = document.getElementById("file-list");
const fileTitle = document.getElementById("file-title");
const saveStatus = document.getElementById("save-status");
const saveButton = document.getElementById("save-file");
const message = document.getElementById("package-message");
const previewPane = document.getElementById("preview-pane");
const preview = document.getElementById("preview");
const panes = document.getElementById("package-panes");
const publishing = initPublishing(draft.id, draft.revision);

const saved = new Map(Object.entries(draft.files)); // path -> the text the server holds
const documents = new Map(); // path -> its editor state, once opened (kept when another opens)
let current = null;
let leaving = false;

const languageOf = (path) => (path.endsWith(".py") ? "python" : "text");
const textOf = (path) =>
  path === current ? editor.getCode() : documents.get(path)?.doc.toString() ?? saved.get(path);
const unsaved = (path) => documents.has(path) && textOf(path) !== saved.get(path);

function fail(error) {
  if (!(error instanceof ApiError)) throw error;
  showIssues(message, error.message, error.body?.issues ?? []);
}

function showFiles() {
  const paths = [...saved.keys()].sort();
  fileList.replaceChildren(...paths.map((path) =>
    h("li", { class: unsaved(path) ? "unsaved" : "", "data-path": path },
      h("button", {
        type: "button",
        class: "file-button",
        "aria-current": path === current ? "true" : false,
        onclick: () => open(path),
      }, path, unsaved(path) ? h("span", { class: "unsaved-mark", text: " (unsaved)" }) : null))));
}

function showValidation(answer) {
  document.getElementById("draft-revision").textContent = answer.revision;
  publishing.revisionChanged(answer.revision);
  const summary = document.getElementById("validation-summary");
  summary.textContent = answer.issues.length
    ? `${answer.issues.length} fault${answer.issues.length === 1 ? "" : "s"}; fix each (publishing needs none):`
    : "No fault: the package is statically valid.";
  summary.dataset.kind = answer.issues.length ? "error" : "ok";
  document.getElementById("issues").replaceChildren(
    ...issueItems(answer.issues, { onOpen: open, files: saved }));
}

/** Takes in the draft an answer returned: new and removed files, and its validation. */
function applyDraft(answer) {
  for (const path of saved.keys()) {
    if (!(path in answer.files)) saved.delete(path);
  }
  for (const [path, text] of Object.entries(answer.files)) {
    if (!saved.has(path)) saved.set(path, text);
  }
  showValidation(answer);
  showFiles();
}

function open(path) {
  if (!saved.has(path)) return;
  if (current !== null) documents.set(current, editor.current());
  if (!documents.has(path)) {
    documents.set(path, editor.createDocument(saved.get(path), {
      language: languageOf(path),
      label: `Contents of ${path}`,
    }));
  }
  current = path;
  markedUnsaved = unsaved(path);
  editor.show(documents.get(path));
  fileTitle.textContent = path;
  history.replaceState(null, "", `#${path}`);
  const previewed = PREVIEWED.has(path);
  previewPane.hidden = !previewed;
  panes.classList.toggle("with-preview", previewed);
  preview.replaceChildren();
  if (previewed) showPreview();
  saveStatus.textContent = "";
  showFiles();
}

let previewTimer = null;
let previewBusy = false; // one preview at a time: rendering can take the server a while
let previewAgain = false;

async function showPreview() {
  if (previewBusy) {
    previewAgain = true;
    return;
  }
  previewBusy = true;
  const path = current;
  try {
    const { html } = await postJSON("/api/v1/package-drafts/preview", { text: editor.getCode() });
    if (path === current && !previewAgain) {
      preview.innerHTML = html; // sanitized by the server (nh3), as the problem page's statement
      await renderMath(preview);
    }
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    preview.replaceChildren(h("p", { class: "message", "data-kind": "error", text: `No preview: ${error.message}` }));
  } finally {
    previewBusy = false;
    if (previewAgain && PREVIEWED.has(current)) {
      previewAgain = false;
      showPreview();
    }
  }
}

let markedUnsaved = false;
const editor = createEditor({
  parent: document.getElementById("editor"),
  initial: "",
  label: "File contents",
  language: "text",
  onChange: () => {
    if (unsaved(current) !== markedUnsaved) {
      markedUnsaved = unsaved(current);
      showFiles();
    }
    if (PREVIEWED.has(current)) {
      clearTimeout(previewTimer);
      previewTimer = setTimeout(showPreview, PREVIEW_DELAY_MS);
    }
  },
});

async function save() {
  const path = current;
  if (path === null) return;
  const text = editor.getCode();
  saveButton.disabled = true;
  message.hidden = true;
  try {
    const answer = await api("PUT", fileUrl(path), { text });
    saved.set(path, text);
    markedUnsaved = unsaved(current);
    applyDraft(answer);
    saveStatus.textContent = `Saved ${path} at ${formatClock()}`;
  } catch (error) {
    fail(error);
  } finally {
    saveButton.disabled = false;
  }
}

saveButton.addEventListener("click", save);
document.addEventListener("keydown", (event) => {
  if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "s") {
    event.preventDefault(); // not the browser's "Save page as"
    save();
  }
});

document.getElementById("new-file-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const input = event.target.elements.namedItem("path");
  const path = input.value.trim();
  message.hidden = true;
  if (!saved.has(path)) {
    try {
      applyDraft(await api("PUT", fileUrl(path), { text: "" }));
    } catch (error) {
      fail(error);
      return;
    }
  }
  input.value = "";
  open(path);
  editor.focus();
});

document.getElementById("delete-file").addEventListener("click", async () => {
  const path = current;
  if (path === null || !confirm(`Delete ${path} from the draft? This cannot be undone.`)) return;
  message.hidden = true;
  try {
    const answer = await api("DELETE", fileUrl(path));
    documents.delete(path);
    current = null;
    applyDraft(answer);
    if (saved.size) open(firstFile());
    else fileTitle.textContent = "No file left: add one";
  } catch (error) {
    fail(error);
  }
});

document.getElementById("delete-draft").addEventListener("click", async () => {
  if (!confirm(`Delete the draft ${draft.slug} (#${draft.id}) and all its files? This cannot be undone.`)) return;
  try {
    await api("DELETE", draftPath);
    leaving = true;
    location.assign("/admin/packages");
  } catch (error) {
    fail(error);
  }
});

window.addEventListener("beforeunload", (event) => {
  if (leaving || ![...documents.keys()].some(unsaved)) return;
  event.preventDefault();
  event.returnValue = ""; // older browsers ask only when this is set
});

function firstFile() {
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (saved.has(wanted)) return wanted;
  return saved.has("statement.md") ? "statement.md" : [...saved.keys()].sort()[0];
}

showValidation(draft);
open(firstFile());
