// The problem page: statement with math, the editor with its autosaved draft, Run (sample
// probes, not scored) and Submit (queued, followed live over SSE, then the full report).
import { postJSON } from "../lib/api.js";
import { clearDraft, createEditor, draftKey, loadDraft } from "../lib/editor.js";
import { initLayout, pageData, showMessage } from "../lib/layout.js";
import { renderMath } from "../lib/math.js";
import { followSubmission, ProgressView } from "../lib/progress.js";
import { renderReport } from "../lib/result.js";

initLayout();
const problem = pageData("problem-data");
const user = pageData("user-data");
const statement = document.getElementById("statement");
const runButton = document.getElementById("run");
const submitButton = document.getElementById("submit");
const resetButton = document.getElementById("reset-starter");
const draftStatus = document.getElementById("draft-status");
const message = document.getElementById("judge-message");
const progressPanel = document.getElementById("progress");
const resultPanel = document.getElementById("result");

renderMath(statement);

const storageKey = draftKey(user.username, problem.slug);
const draft = loadDraft(storageKey);
let busy = false;

const editor = createEditor({
  parent: document.getElementById("editor"),
  initial: draft ?? problem.starter ?? "",
  storageKey,
  label: `Your solution to ${problem.title} (Python)`,
  onRun: () => judge("run"),
  onSubmit: () => judge("submit"),
  onSaved: (saved) => {
    draftStatus.textContent = saved
      ? `Draft saved ${new Date().toLocaleTimeString()}`
      : "This browser does not allow saving drafts: copy your code before leaving.";
  },
});
draftStatus.textContent = draft === null ? "Starting from the starter code" : "Draft restored";

resetButton.addEventListener("click", () => {
  if (!window.confirm("Replace your code with the starter code? Your draft will be lost.")) return;
  editor.setCode(problem.starter ?? "");
  clearDraft(storageKey);
  editor.focus();
});

function setBusy(value) {
  busy = value;
  runButton.disabled = value;
  submitButton.disabled = value;
  document.body.classList.toggle("judging", value);
}

function codeProblem(code) {
  if (!code.trim()) return "Your code is empty: write your solution in the editor first.";
  if (new Blob([code]).size > 64 * 1024) {
    return "Your code is over 64 KiB: shorten it (remove data or long comments) and try again.";
  }
  return "";
}

function showResult(report, kind) {
  const title = kind === "run" ? "Sample run (not scored)" : `Submission ${report.id ?? ""}`.trim();
  const link = kind === "submit" && report.id
    ? { href: `/submissions/${encodeURIComponent(report.id)}`, text: "Permalink to this submission" }
    : null;
  resultPanel.hidden = false;
  const summary = renderReport(resultPanel, report, { title, link });
  resultPanel.scrollIntoView({ block: "start" });
  return summary;
}

// A queued job (a submission, or a run the server chose to queue): follow it live.
function follow(id, kind, progress) {
  return new Promise((resolve) => {
    followSubmission(id, {
      onEvent: (data) => progress.update(data),
      onFinal: (submission) => {
        progress.complete();
        progress.setStatus(`Judged: ${showResult({ id, ...submission }, kind)}.`);
        resolve();
      },
      onProblem: (text) => {
        showMessage(message, `Lost track of the judging (${text}). Reload the page to see the result.`);
        resolve();
      },
    });
  });
}

async function judge(kind) {
  if (busy) return;
  const code = editor.getCode();
  const problemText = codeProblem(code);
  if (problemText) {
    showMessage(message, problemText);
    return;
  }
  setBusy(true);
  showMessage(message, "");
  resultPanel.hidden = true;
  progressPanel.hidden = false;
  progressPanel.scrollIntoView({ block: "nearest" });
  const progress = new ProgressView(progressPanel);
  progress.setStatus(kind === "run" ? "Running the sample probes…" : "Submitting…");
  const slug = encodeURIComponent(problem.slug);
  try {
    const path = kind === "run" ? `/api/v1/problems/${slug}/runs` : `/api/v1/problems/${slug}/submissions`;
    const answer = await postJSON(path, { code });
    if (answer && answer.id !== undefined && !answer.checks) {
      await follow(answer.id, kind, progress);
    } else {
      progress.complete();
      progress.setStatus(`Sample run finished: ${showResult(answer, kind)}.`);
    }
  } catch (error) {
    progressPanel.hidden = true;
    showMessage(message, error.message);
  } finally {
    setBusy(false);
  }
}

runButton.addEventListener("click", () => judge("run"));
submitButton.addEventListener("click", () => judge("submit"));
// Ctrl/Cmd-Enter submits from anywhere on the page, not only inside the editor.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey) || event.defaultPrevented) return;
  event.preventDefault();
  judge(event.shiftKey ? "run" : "submit");
});
