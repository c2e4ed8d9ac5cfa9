// The assessment a candidate takes: opening this page starts the clock. Lists the problems
// (each opens in the ordinary problem page, with the time left in the header) and lets the
// candidate finish early.
import { postJSON } from "../lib/api.js";
import { countdown, formatRemaining } from "../lib/attempt.js";
import { formatDate, h } from "../lib/format.js";
import { initLayout, pageData, showMessage } from "../lib/layout.js";

const { attempt_id: attemptId } = pageData("take-data");
const message = document.getElementById("take-message");
const status = document.getElementById("take-status");
const list = document.getElementById("take-problems");
const finish = document.getElementById("finish");

function show(attempt) {
  list.replaceChildren(...attempt.problems.map((p) =>
    h("li", {}, h("a", { href: `/problems/${encodeURIComponent(p.slug)}`, text: p.title || p.slug }))));
  finish.hidden = attempt.status !== "in_progress";
  if (attempt.status === "finished") {
    status.textContent = `Finished${attempt.deadline ? ` at ${formatDate(attempt.deadline)}` : ""}. ` +
      "Your final code has been handed in; your interviewer will review it.";
    list.classList.add("finished");
    return;
  }
  countdown(attempt, (left) => {
    status.textContent = left > 0 ? `Time left: ${formatRemaining(left)} (of ${attempt.time_limit_minutes} minutes)` : "Time is up.";
  }, () => setTimeout(() => location.reload(), 1500));
}

try {
  // Opening the page starts the clock (once; the server keeps the deadline it set then).
  show(await postJSON(`/api/v1/me/attempts/${attemptId}/start`));
} catch (error) {
  showMessage(message, error.message);
}
initLayout(); // after the start, so the header's timer finds the attempt under way

finish.addEventListener("click", async () => {
  if (!window.confirm("Finish now? Your last saved code of each problem is judged as your final attempt.")) return;
  finish.disabled = true;
  try {
    await postJSON(`/api/v1/me/attempts/${attemptId}/finish`);
    location.reload();
  } catch (error) {
    showMessage(message, error.message);
    finish.disabled = false;
  }
});
