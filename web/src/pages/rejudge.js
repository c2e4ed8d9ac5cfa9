// One rejudge: its progress, polled every two seconds until every submission is judged, and
// each submission's old result beside the new one.
import { ApiError, getJSON } from "../lib/api.js";
import { formatScore, h, verdictLabel } from "../lib/format.js";
import { initLayout, pageData, showMessage } from "../lib/layout.js";

initLayout();
const POLL_MS = 2000;
const progress = document.getElementById("rejudge-progress");
const bar = document.getElementById("rejudge-bar");
const rows = document.querySelector("#rejudge-table tbody");
const message = document.getElementById("rejudge-message");

const result = (verdict, score, status) =>
  verdict ? `${verdictLabel(verdict)}, ${formatScore(score)}` : status;

function show(rejudge) {
  const judged = rejudge.done + rejudge.error;
  progress.textContent = `${judged} of ${rejudge.total} judged` +
    (rejudge.error ? `, ${rejudge.error} could not be judged` : "") +
    `; ${rejudge.changed} changed` + (judged < rejudge.total ? " (updating…)" : ".");
  bar.max = Math.max(rejudge.total, 1);
  bar.value = judged;
  rows.replaceChildren(...rejudge.submissions.map((item) => {
    const changed = item.new_verdict !== null &&
      (item.new_verdict !== item.old_verdict || item.new_score !== item.old_score);
    return h("tr", { class: changed ? "changed" : "" },
      h("td", {}, h("a", { href: `/submissions/${item.original_id}`, text: `#${item.original_id}` }),
        " → ", h("a", { href: `/submissions/${item.rejudge_id}`, text: `#${item.rejudge_id}` })),
      h("td", { text: item.username }),
      h("td", { text: result(item.old_verdict, item.old_score, "—") }),
      h("td", { text: result(item.new_verdict, item.new_score, item.status) }));
  }));
  return judged < rejudge.total;
}

let current = pageData("rejudge-data");
while (show(current)) {
  await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  try {
    current = await getJSON(`/api/v1/rejudges/${current.id}`);
  } catch (error) {
    showMessage(message, error instanceof ApiError ? error.message : String(error));
    break;
  }
}
