// The problem list: the server renders every row; this narrows them by topic and difficulty
// without a reload, and keeps the choice in the URL so it survives back/forward and sharing.
import { initLayout } from "../lib/layout.js";

initLayout();
const form = document.getElementById("problem-filters");
const rows = [...document.querySelectorAll("[data-problem]")];
const count = document.getElementById("problem-count");
const empty = document.getElementById("no-problems");

function apply() {
  const topic = form.topic.value;
  const difficulty = form.difficulty.value;
  let shown = 0;
  for (const row of rows) {
    const tags = row.dataset.tags ? row.dataset.tags.split(" ") : [];
    const visible = (!topic || tags.includes(topic)) &&
      (!difficulty || row.dataset.difficulty === difficulty);
    row.hidden = !visible;
    if (visible) shown += 1;
  }
  count.textContent = `${shown} of ${rows.length} problems`;
  empty.hidden = shown > 0;
  const params = new URLSearchParams();
  if (topic) params.set("topic", topic);
  if (difficulty) params.set("difficulty", difficulty);
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

form.addEventListener("change", apply);
form.addEventListener("submit", (event) => {
  event.preventDefault();
  apply();
});
form.addEventListener("reset", () => setTimeout(apply));
apply();
