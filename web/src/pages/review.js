// One attempt, reviewed: per problem the code that counts with line comments, the rubric
// with every check and the loss curves, every submission on a timeline (with the flagged
// moments) and a diff between any two, playback of the editor; then the scorecard.
import { api, getJSON, postJSON } from "../lib/api.js";
import { formatRemaining } from "../lib/attempt.js";
import { codeWithLines } from "../lib/code-lines.js";
import { renderUnifiedDiff } from "../lib/diff.js";
import { categoryLabel, formatScore, h, verdictLabel } from "../lib/format.js";
import { initLayout, pageData, showMessage } from "../lib/layout.js";
import { renderReport } from "../lib/result.js";

initLayout();
const { attempt_id: attemptId } = pageData("review-data");
const base = `/api/v1/attempts/${attemptId}`;
const message = document.getElementById("review-message");
const SPEEDS = [1, 2, 4, 8, 16];
const MAX_PAUSE_SECONDS = 10; // a long idle stretch plays as at most this (before the speed-up)
const codeCache = new Map();

const elapsed = (seconds) => (seconds === null || seconds === undefined ? "–" : formatRemaining(seconds));
const offset = (iso, start) => (new Date(iso) - new Date(start)) / 1000;

async function submissionCode(id) {
  if (!codeCache.has(id)) codeCache.set(id, getJSON(`/api/v1/submissions/${id}`).then((s) => s.code));
  return codeCache.get(id);
}

function summary(review) {
  const attempt = review.attempt;
  document.getElementById("review-title").textContent = `${attempt.candidate ?? attempt.label} · ${review.assessment}`;
  document.getElementById("review-summary").replaceChildren(
    h("p", {}, `Status: ${attempt.status.replace("_", " ")} · Overall `,
      h("strong", { "data-testid": "review-overall", text: formatScore(review.overall) }), " / 100"),
    h("ul", { class: "category-scores" }, Object.entries(review.categories).map(([name, score]) =>
      h("li", {}, `${categoryLabel(name)}: `, h("strong", { text: formatScore(score) })))));
}

function commentsView(review, problem, container) {
  const final = problem.final;
  if (!final) {
    container.replaceChildren(h("p", { class: "muted", text: "Nothing judged for this problem." }));
    return;
  }
  const mine = review.comments.filter((c) => c.submission_id === final.id);
  const lineInput = h("input", { type: "number", min: "1", value: "1", id: `line-${problem.slug}`, class: "line-input" });
  const body = h("textarea", { rows: "2", maxlength: "4000", id: `comment-${problem.slug}`, "aria-label": "Comment" });
  const list = h("ul", { class: "comments" }, mine.map((c) =>
    h("li", {}, h("strong", { text: `Line ${c.line}` }), ` ${c.body} `, h("span", { class: "muted", text: `— ${c.author ?? "?"}` }))));
  const code = codeWithLines(final.code, mine.map((c) => c.line), {
    label: `Final code of ${problem.title}`,
    onLine: (line) => { lineInput.value = String(line); body.focus(); },
  });
  const form = h("form", { class: "inline-form comment-form", onsubmit: async (event) => {
    event.preventDefault();
    try {
      const added = await postJSON(`${base}/comments`, { submission_id: final.id, line: Number(lineInput.value), body: body.value });
      review.comments.push(added);
      commentsView(review, problem, container);
    } catch (error) {
      showMessage(message, error.message);
    }
  } },
  h("label", { for: lineInput.id, text: "Line" }), lineInput, body, h("button", { type: "submit", text: "Add comment" }));
  container.replaceChildren(h("h3", { text: `Final code (submission ${final.id})` }), code, list, form);
}

function timelineView(review, problem, container) {
  const start = review.attempt.started_at;
  const end = review.attempt.deadline ?? new Date().toISOString();
  const span = Math.max(1, offset(end, start));
  const place = (seconds) => `${Math.min(100, Math.max(0, (seconds / span) * 100))}%`;
  const axis = h("div", { class: "timeline-axis", role: "img",
    "aria-label": `${problem.timeline.length} submissions and ${problem.flags.length} flagged moments over ${formatRemaining(span)}` });
  for (const entry of problem.timeline) {
    const marker = h("span", { class: `timeline-marker submission${entry.is_final ? " final" : ""}`, title: `#${entry.id}: ${formatScore(entry.score)}`, text: formatScore(entry.score) });
    marker.style.left = place(entry.elapsed_seconds ?? 0);
    axis.append(marker);
  }
  for (const flag of problem.flags) {
    const marker = h("span", { class: "timeline-marker flag", title: `${flag.kind}: ${flag.detail}`, text: "⚑" });
    marker.style.left = place(offset(flag.created_at, start));
    axis.append(marker);
  }
  const pick = (name, index) => h("select", { "aria-label": name, class: "diff-pick" }, problem.timeline.map((entry, i) =>
    h("option", { value: entry.id, selected: i === index, text: `#${entry.id} at ${elapsed(entry.elapsed_seconds)} (${formatScore(entry.score)})` })));
  const from = pick("Diff from", Math.max(0, problem.timeline.length - 2));
  const to = pick("Diff to", problem.timeline.length - 1);
  const diff = h("div", { class: "diff-box" });
  container.replaceChildren(
    h("h3", { text: "Timeline" }), axis,
    h("table", { class: "listing timeline-table" },
      h("thead", {}, h("tr", {}, ["When", "Submission", "Verdict", "Score", ""].map((text) => h("th", { scope: "col", text })))),
      h("tbody", {}, problem.timeline.map((entry) => h("tr", {},
        h("td", { text: elapsed(entry.elapsed_seconds) }),
        h("td", {}, h("a", { href: `/submissions/${entry.id}`, text: `#${entry.id}` })),
        h("td", { text: verdictLabel(entry.verdict) || entry.status }),
        h("td", { class: "score", text: formatScore(entry.score) }),
        h("td", { text: entry.is_final ? "final" : "" }))),
      problem.flags.map((flag) => h("tr", { class: "flagged" },
        h("td", { text: elapsed(offset(flag.created_at, start)) }),
        h("td", { colspan: "4", text: `⚑ ${flag.kind === "paste" ? "Large paste" : "Left the tab"}: ${flag.detail}` }))))),
    problem.timeline.length >= 2 ? h("div", { class: "inline-form" }, from, to, h("button", { type: "button", text: "Show diff", onclick: async () => {
      const [a, b] = await Promise.all([submissionCode(from.value), submissionCode(to.value)]);
      renderUnifiedDiff(diff, `#${from.value}`, `#${to.value}`, a, b);
    } })) : null,
    diff);
}

function playbackView(review, problem, container) {
  const load = h("button", { type: "button", text: "Load playback", onclick: async () => {
    try {
      const playback = await getJSON(`${base}/playback?problem=${encodeURIComponent(problem.slug)}`);
      showPlayback(playback, container);
    } catch (error) {
      showMessage(message, error.message);
    }
  } });
  container.replaceChildren(h("h3", { text: "Playback" }), load);
}

function showPlayback(playback, container) {
  const frames = playback.snapshots;
  if (!frames.length) {
    container.replaceChildren(h("h3", { text: "Playback" }), h("p", { class: "muted", text: "No editor snapshots were recorded." }));
    return;
  }
  const start = playback.started_at ?? frames[0].created_at;
  const slider = h("input", { type: "range", min: "0", max: String(frames.length - 1), value: "0", "aria-label": "Playback position", class: "playback-slider" });
  const speed = h("select", { "aria-label": "Playback speed" }, SPEEDS.map((s) => h("option", { value: s, text: `${s}×` })));
  const when = h("span", { class: "playback-when", "aria-live": "off" });
  const code = h("div", { class: "playback-code" });
  const play = h("button", { type: "button", text: "Play" });
  let timer = null;
  const show = (index) => {
    const frame = frames[index];
    slider.value = String(index);
    when.textContent = `${elapsed(offset(frame.created_at, start))} · ${frame.kind}${frame.detail ? `: ${frame.detail}` : ""}${frame.flagged ? " ⚑" : ""}`;
    code.replaceChildren(codeWithLines(frame.code, [], { label: "Editor at this moment" }));
  };
  const stop = () => { clearTimeout(timer); timer = null; play.textContent = "Play"; };
  const step = () => {
    const index = Number(slider.value);
    if (index >= frames.length - 1) { stop(); return; }
    const gap = Math.min(MAX_PAUSE_SECONDS, (new Date(frames[index + 1].created_at) - new Date(frames[index].created_at)) / 1000);
    timer = setTimeout(() => { show(index + 1); step(); }, (gap * 1000) / Number(speed.value));
  };
  play.addEventListener("click", () => {
    if (timer) { stop(); return; }
    if (Number(slider.value) >= frames.length - 1) show(0);
    play.textContent = "Pause";
    step();
  });
  slider.addEventListener("input", () => { stop(); show(Number(slider.value)); });
  const flags = frames.map((frame, index) => [frame, index]).filter(([frame]) => frame.flagged);
  container.replaceChildren(h("h3", { text: `Playback (${frames.length} snapshots)` }),
    h("div", { class: "playback-controls" }, play, slider, speed, when),
    flags.length ? h("p", { class: "playback-flags" }, "Flagged: ", flags.map(([frame, index]) =>
      h("button", { type: "button", class: "link flag-link", onclick: () => { stop(); show(index); },
        text: `⚑ ${elapsed(offset(frame.created_at, start))} ${frame.kind}` }))) : null,
    code);
  show(0);
}

function problemSection(review, problem) {
  const report = h("div", { class: "result" });
  const comments = h("div", { class: "comments-box" });
  const timeline = h("div", { class: "timeline" });
  const playback = h("div", { class: "playback" });
  const section = h("section", { class: "review-problem", "data-problem": problem.slug },
    h("h2", { text: `${problem.title} · ${formatScore(problem.score)} / 100` }),
    h("div", { class: "review-columns" }, h("div", {}, comments, timeline, playback), report));
  if (problem.final) renderReport(report, problem.final, { title: "Final attempt" });
  else report.append(h("p", { class: "muted", text: "No judged submission." }));
  commentsView(review, problem, comments);
  timelineView(review, problem, timeline);
  playbackView(review, problem, playback);
  return section;
}

function scorecardView(review) {
  const card = review.scorecard;
  const rows = document.getElementById("scorecard-rows");
  rows.replaceChildren(...Object.entries(review.categories).map(([name, automatic]) => {
    const saved = card?.categories?.[name];
    return h("tr", { "data-category": name },
      h("th", { scope: "row", text: categoryLabel(name) }),
      h("td", { class: "score", text: formatScore(saved?.automatic ?? automatic) }),
      h("td", {}, h("input", { type: "number", min: "0", max: "100", step: "1", class: "override", "aria-label": `Override ${categoryLabel(name)}`,
        placeholder: "confirm", value: saved && !saved.confirmed ? saved.score : "" })),
      h("td", {}, h("input", { type: "text", class: "note", maxlength: "2000", "aria-label": `Note on ${categoryLabel(name)}`, value: saved?.note ?? "" })));
  }));
  document.getElementById("scorecard-summary").value = card?.summary ?? "";
  if (card) document.querySelector(`input[name=recommendation][value=${card.recommendation}]`).checked = true;
}

document.getElementById("scorecard-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const status = document.getElementById("scorecard-message");
  const recommendation = document.querySelector("input[name=recommendation]:checked")?.value;
  if (!recommendation) {
    showMessage(status, "Choose a recommendation.");
    return;
  }
  const categories = {};
  for (const row of document.querySelectorAll("#scorecard-rows tr")) {
    const override = row.querySelector(".override").value;
    categories[row.dataset.category] = { score: override === "" ? null : Number(override), note: row.querySelector(".note").value };
  }
  try {
    const saved = await api("PUT", `${base}/scorecard`, {
      categories, summary: document.getElementById("scorecard-summary").value, recommendation });
    showMessage(status, `Saved: automatic ${formatScore(saved.automatic_overall)}, yours ${formatScore(saved.human_overall)}.`, "info");
  } catch (error) {
    showMessage(status, error.message);
  }
});

try {
  const review = await getJSON(`${base}/review`);
  summary(review);
  document.getElementById("review-problems").replaceChildren(...review.problems.map((p) => problemSection(review, p)));
  scorecardView(review);
} catch (error) {
  showMessage(message, error.message);
}
