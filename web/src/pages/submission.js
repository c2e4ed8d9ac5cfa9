// One submission: live progress while it is judged, then its report and its code.
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { ApiError, getJSON, postJSON } from "../lib/api.js";
import { pythonView } from "../lib/editor.js";
import { initLayout, pageData, showMessage } from "../lib/layout.js";
import { followSubmission, ProgressView } from "../lib/progress.js";
import { renderReport } from "../lib/result.js";

initLayout();
const submission = pageData("submission-data");
const progressPanel = document.getElementById("progress");
const resultPanel = document.getElementById("result");
const message = document.getElementById("judge-message");
const codeBox = document.getElementById("submission-code");

// Admins: judge this submission again (a new result beside this one) and follow it.
document.getElementById("rejudge-submission")?.addEventListener("click", async () => {
  try {
    const started = await postJSON(`/api/v1/submissions/${encodeURIComponent(submission.id)}/rejudge`);
    location.assign(`/admin/rejudges/${started.id}`);
  } catch (error) {
    showMessage(message, error instanceof ApiError ? error.message : String(error));
  }
});

function show(report) {
  resultPanel.hidden = false;
  return renderReport(resultPanel, report, { title: "Result" });
}

function showCode(code) {
  if (!codeBox || typeof code !== "string") return;
  new EditorView({
    parent: codeBox,
    state: EditorState.create({
      doc: code,
      extensions: pythonView({ readOnly: true, label: "Submitted code (read only)" }),
    }),
  });
}

const current = await getJSON(`/api/v1/submissions/${encodeURIComponent(submission.id)}`)
  .catch((error) => {
    showMessage(message, error.message);
    return null;
  });
if (current) {
  showCode(current.code);
  if (current.status === "done" || current.status === "error") {
    show(current);
  } else {
    progressPanel.hidden = false;
    const progress = new ProgressView(progressPanel);
    progress.update(current);
    followSubmission(submission.id, {
      onEvent: (data) => progress.update(data),
      onFinal: (final) => {
        progress.complete();
        progress.setStatus(`Judged: ${show(final)}.`);
      },
      onProblem: (text) => showMessage(message, `Lost track of the judging (${text}); reload.`),
    });
  }
}
