// The problem page: statement with math and highlighted code, the editor with its draft (in
// this browser and in the account), the last submission's verdict, Run (sample probes, not
// scored) and Submit (queued, followed live over SSE, then the full report).
import { getJSON, postJSON } from "../lib/api.js";
import { activeAttempt, recordSnapshots } from "../lib/attempt.js";
import { DraftKeeper } from "../lib/drafts.js";
import { createEditor } from "../lib/editor.js";
import { formatDate, formatScore, h, verdictLabel } from "../lib/format.js";
import { highlightCodeBlocks } from "../lib/highlight.js";
import { initLayout, pageData, showMessage } from "../lib/layout.js";
import { renderMath } from "../lib/math.js";
import { initGuidance } from "../lib/guidance.js";
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
const lastPanel = document.getElementById("last-submission");
const FINAL = new Set(["done", "error"]);

highlightCodeBlocks(statement);
renderMath(statement);
const guidanceMessage = document.getElementById("guidance-message");
initGuidance(problem.slug, (text) => showMessage(guidanceMessage, text));

const setDraftStatus = (text) => { draftStatus.textContent = text; };
const drafts = new DraftKeeper({
  user: user.username,
  slug: problem.slug,
  starter: problem.starter ?? "",
  server: problem.draft,
  onStatus: setDraftStatus,
});
let busy = false;

const editor = createEditor({
  parent: document.getElementById("editor"),
  initial: drafts.code,
  label: `Your solution to ${problem.title} (Python)`,
  onRun: () => judge("run"),
  onSubmit: () => judge("submit"),
  onChange: (code) => drafts.changed(code),
});
setDraftStatus(drafts.choice.message);
drafts.start();
// Taking an assessment with this problem: snapshots for the interviewer's playback.
let snapshot = () => {};
activeAttempt().then((attempt) => {
  snapshot = recordSnapshots(attempt, problem.slug, {
    getCode: () => editor.getCode(), element: editor.view.dom });
});
document.addEventListener("attempt-ended", ({ detail: attempt }) => {
  if (!attempt.problems.some((p) => p.slug === problem.slug)) return;
  showMessage(message, "Time is up: your last saved code is judged as your final attempt.", "info");
  setBusy(true);
});

resetButton.addEventListener("click", async () => {
  if (!window.confirm("Replace your code with the starter code? Your draft will be lost.")) return;
  drafts.quietly(() => editor.setCode(problem.starter ?? ""));
  await drafts.discard();
  editor.focus();
});

/** Puts a submission's code in the editor, as one change that Ctrl/⌘+Z undoes. */
async function loadSubmission(id) {
  try {
    const submission = await getJSON(`/api/v1/submissions/${encodeURIComponent(id)}`);
    if (submission.problem !== problem.slug) {
      showMessage(message, `Submission ${id} is for another problem (${submission.problem}); open it from that problem's page.`);
      return;
    }
    editor.setCode(submission.code);
    setDraftStatus(`Loaded submission ${id} into the editor; Ctrl/⌘+Z brings back what was there.`);
    editor.focus();
  } catch (error) {
    showMessage(message, `Cannot load submission ${id}: ${error.message}`);
  }
}

function showLast(submission) {
  if (!submission) return;
  const final = FINAL.has(submission.status);
  const verdict = final ? (verdictLabel(submission.verdict) || "Not judged") : "being judged…";
  lastPanel.replaceChildren(
    h("p", { class: "last-summary" },
      h("span", { text: "Your last submission: " }),
      h("a", { href: `/submissions/${encodeURIComponent(submission.id)}`, text: `#${submission.id}` }),
      " · ", h("strong", { class: `verdict-text verdict-${submission.verdict ?? "none"}`, text: verdict }),
      final && submission.score !== null ? ` · ${formatScore(submission.score)} / 100` : "",
      h("span", { class: "muted", text: ` · ${formatDate(submission.created_at)}` })),
    h("button", { type: "button", class: "link", onclick: () => loadSubmission(submission.id),
      text: "Load it into the editor" }));
  lastPanel.hidden = false;
}

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
  const summary = renderReport(resultPanel, report, { title, link, partial: kind === "run" });
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
        if (kind === "submit") showLast({ id, ...submission });
        resolve();
      },
      onProblem: (text) => {
        showMessage(message, `Lost track of the judging (${text}). Reload the page to see the result.`);
        resolve();
      },
    });
  });
}

function startProgress(text) {
  resultPanel.hidden = true;
  progressPanel.hidden = false;
  progressPanel.scrollIntoView({ block: "nearest" });
  const progress = new ProgressView(progressPanel);
  progress.setStatus(text);
  return progress;
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
  snapshot(kind);
  const progress = startProgress(kind === "run" ? "Running the sample probes…" : "Submitting…");
  const slug = encodeURIComponent(problem.slug);
  try {
    const path = kind === "run" ? `/api/v1/problems/${slug}/runs` : `/api/v1/problems/${slug}/submissions`;
    const answer = await postJSON(path, { code });
    if (answer && answer.id !== undefined && !answer.checks) {
      if (kind === "submit") showLast({ ...answer, created_at: new Date().toISOString() });
      await follow(answer.id, kind, progress);
    } else {
      progress.complete({ probes: answer.probes });
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

// Coming back to the problem: the last submission's verdict, or its judging followed live.
const last = problem.last_submission;
showLast(last);
if (last && !FINAL.has(last.status)) {
  setBusy(true);
  follow(last.id, "submit", startProgress("Your last submission is being judged…"))
    .finally(() => setBusy(false));
}

// "Load this submission into the editor" from a submission's page: /problems/<slug>?load=<id>.
const params = new URLSearchParams(location.search);
if (params.has("load")) {
  const id = params.get("load");
  params.delete("load");
  history.replaceState(null, "", params.size ? `?${params}` : location.pathname);
  loadSubmission(id);
}
