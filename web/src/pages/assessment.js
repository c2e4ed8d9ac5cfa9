// One assessment for its interviewers: invites, every candidate's status and scores,
// a side-by-side comparison of the ones ticked, export, similarity flags and sharing.
import { api, getJSON, postJSON } from "../lib/api.js";
import { initCopyButtons, revealSecret } from "../lib/accounts.js";
import { codeWithLines } from "../lib/code-lines.js";
import { categoryLabel, formatDate, formatScore, h } from "../lib/format.js";
import { initLayout, pageData, showMessage } from "../lib/layout.js";

initLayout();
initCopyButtons();
const { assessment, me } = pageData("assessment-data");
const base = `/api/v1/assessments/${assessment.id}`;
const message = document.getElementById("page-message");
const table = document.getElementById("results-table");
const compareButton = document.getElementById("compare");
const comparison = document.getElementById("comparison");
const selected = new Set();
let results = null;

const STATUS = { invited: "Invited", accepted: "Accepted", in_progress: "In progress", finished: "Finished" };
const RECOMMENDATION = { strong_no: "Strong no", no: "No", yes: "Yes", strong_yes: "Strong yes" };

document.getElementById("assessment-summary").textContent = [
  assessment.problems.map((p) => p.title || p.slug).join(", "),
  `${assessment.time_limit_minutes} minute${assessment.time_limit_minutes === 1 ? "" : "s"}`,
  assessment.opens_at ? `opens ${formatDate(assessment.opens_at)}` : "",
  assessment.closes_at ? `closes ${formatDate(assessment.closes_at)}` : "",
  `owner ${assessment.owner}`,
].filter(Boolean).join(" · ");
document.getElementById("share-usernames").value = assessment.shared_with.join(", ");
if (assessment.owner !== me) document.getElementById("share-form").querySelector("button").title = "Only the owner or an admin changes sharing";

const who = (row) => row.attempt.candidate ?? row.attempt.label;

function renderResults() {
  const headers = ["", "Candidate", "Status", "Time used", "Submissions", "Overall",
    ...results.categories.map(categoryLabel), "Recommendation", "Flags", ""];
  table.tHead.replaceChildren(h("tr", {}, headers.map((text) => h("th", { scope: "col", text }))));
  table.tBodies[0].replaceChildren(...results.attempts.map((row) => h("tr", { "data-attempt": row.attempt.id },
    h("td", {}, h("input", { type: "checkbox", "aria-label": `Compare ${who(row)}`, checked: selected.has(row.attempt.id),
      onchange: (event) => {
        if (event.target.checked) selected.add(row.attempt.id); else selected.delete(row.attempt.id);
        compareButton.disabled = selected.size < 2;
      } })),
    h("td", {}, h("strong", { text: who(row) }), row.attempt.candidate ? h("span", { class: "muted", text: ` (${row.attempt.label})` }) : null),
    h("td", { text: STATUS[row.attempt.status] + (row.judging ? " (judging…)" : "") }),
    h("td", { text: row.minutes_used === null ? "–" : `${row.minutes_used} min` }),
    h("td", { text: String(row.submissions) }),
    h("td", { class: "score", text: formatScore(row.overall) }),
    results.categories.map((name) => h("td", { class: "score", text: formatScore(row.categories[name]) })),
    h("td", { text: RECOMMENDATION[row.recommendation] ?? "–" }),
    h("td", { class: row.flags ? "flagged" : "", text: String(row.flags) }),
    h("td", {}, row.attempt.started_at ? h("a", { href: `/interviews/attempts/${row.attempt.id}`, text: "Review" }) : null))));
  document.getElementById("no-candidates").hidden = results.attempts.length > 0;
}

function renderComparison() {
  const rows = results.attempts.filter((row) => selected.has(row.attempt.id));
  const line = (label, cell) => h("tr", {}, h("th", { scope: "row", text: label }), rows.map((row) => h("td", { text: cell(row) })));
  comparison.replaceChildren(h("h3", { text: "Side by side" }), h("div", { class: "table-scroll" }, h("table", { class: "listing compare-table" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "" }), rows.map((row) => h("th", { scope: "col", text: who(row) })))),
    h("tbody", {},
      line("Status", (row) => STATUS[row.attempt.status]),
      line("Time used", (row) => (row.minutes_used === null ? "–" : `${row.minutes_used} min`)),
      line("Submissions", (row) => String(row.submissions)),
      line("Overall", (row) => formatScore(row.overall)),
      results.categories.map((name) => line(categoryLabel(name), (row) => formatScore(row.categories[name]))),
      results.problems.map((slug, index) => line(`Problem: ${slug}`, (row) => formatScore(row.problems[index].score))),
      line("Human overall", (row) => formatScore(row.human_overall)),
      line("Recommendation", (row) => RECOMMENDATION[row.recommendation] ?? "–"),
      line("Flags", (row) => String(row.flags))))));
  comparison.hidden = false;
}

async function load() {
  try {
    results = await getJSON(`${base}/results`);
    renderResults();
  } catch (error) {
    showMessage(message, error.message);
  }
}

compareButton.addEventListener("click", renderComparison);

const inviteForm = document.getElementById("invite-form");
inviteForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const label = document.getElementById("invite-label").value.trim();
  if (!label) {
    showMessage(message, "Write who the invite is for (a name or an e-mail address).");
    return;
  }
  try {
    const created = await postJSON(`${base}/invites`, { label });
    revealSecret(document.getElementById("invite-link"), document.getElementById("invite-link-value"), created.url);
    inviteForm.reset();
    await load();
  } catch (error) {
    showMessage(message, error.message);
  }
});

document.getElementById("share-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const usernames = document.getElementById("share-usernames").value.split(",").map((s) => s.trim()).filter(Boolean);
  try {
    await api("PUT", `${base}/shares`, { usernames });
    showMessage(message, usernames.length ? `Shared with ${usernames.join(", ")}.` : "Shared with nobody.", "info");
  } catch (error) {
    showMessage(message, error.message);
  }
});

const similarity = document.getElementById("similarity");
document.getElementById("similarity-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const threshold = document.getElementById("threshold").value || "0.7";
  similarity.replaceChildren(h("p", { class: "muted", text: "Comparing…" }));
  try {
    const report = await getJSON(`${base}/similarity?threshold=${encodeURIComponent(threshold)}`);
    const detail = h("div", { class: "side-by-side" });
    similarity.replaceChildren(
      h("p", { text: `${report.pairs.length} pair${report.pairs.length === 1 ? "" : "s"} flagged of ${report.compared} compared.` }),
      h("ul", { class: "similar-pairs" }, report.pairs.map((pair) => h("li", {},
        h("button", { type: "button", class: "link", onclick: () => detail.replaceChildren(
          h("div", {}, h("h4", { text: pair.left.label }), codeWithLines(pair.left.code, pair.left.lines)),
          h("div", {}, h("h4", { text: pair.right.label }), codeWithLines(pair.right.code, pair.right.lines))),
        text: `${pair.problem}: ${pair.left.label} ↔ ${pair.right.label}` }),
        h("strong", { class: "similarity-score", text: ` ${Math.round(pair.score * 100)}%` })))),
      detail);
  } catch (error) {
    similarity.replaceChildren();
    showMessage(message, error.message);
  }
});

await load();
