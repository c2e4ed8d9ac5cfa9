// The problem list: the server renders every row; this narrows them by text, topic and
// difficulty without a reload (matching as api/pages/router.py does: every word of the search
// in the title, slug, topic or tags), and keeps the choice in the URL for back/forward and sharing.
import { initLayout } from "../lib/layout.js";

initLayout();
const form = document.getElementById("problem-filters");
const rows = [...document.querySelectorAll("[data-problem]")];
const count = document.getElementById("problem-count");
const empty = document.getElementById("no-problems");

function apply() {
  const query = form.q.value;
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const topic = form.topic.value;
  const difficulty = form.difficulty.value;
  let shown = 0;
  for (const row of rows) {
    const visible = (!topic || row.dataset.topic === topic) &&
      (!difficulty || row.dataset.difficulty === difficulty) &&
      words.every((word) => row.dataset.search.includes(word));
    row.hidden = !visible;
    if (visible) shown += 1;
  }
  count.textContent = `${shown} of ${rows.length} problems`;
  empty.hidden = shown > 0;
  const params = new URLSearchParams();
  if (query.trim()) params.set("q", query.trim());
  if (topic) params.set("topic", topic);
  if (difficulty) params.set("difficulty", difficulty);
  const search = params.toString();
  history.replaceState(null, "", search ? `?${search}` : location.pathname);
}

form.addEventListener("change", apply);
form.addEventListener("input", apply);
form.addEventListener("submit", (event) => {
  event.preventDefault();
  apply();
});
form.addEventListener("reset", () => setTimeout(apply));
// The progress summary's topic links filter in place too (they work without a script).
for (const link of document.querySelectorAll("[data-topic-link]")) {
  link.addEventListener("click", (event) => {
    event.preventDefault();
    form.topic.value = link.dataset.topicLink;
    apply();
  });
}
apply();
