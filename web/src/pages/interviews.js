// The interviewer's assessments and the form that creates one.
import { postJSON } from "../lib/api.js";
import { h } from "../lib/format.js";
import { initLayout, pageData, showMessage } from "../lib/layout.js";

initLayout();
const data = pageData("interviews-data");
const body = document.querySelector("#assessment-table tbody");
const form = document.getElementById("assessment-form");
const message = document.getElementById("assessment-message");
const chosen = []; // slugs in the order they were ticked

body.replaceChildren(...data.assessments.map((a) => h("tr", {},
  h("td", {}, h("a", { href: `/interviews/assessments/${a.id}`, text: a.title })),
  h("td", { text: a.problems.map((p) => p.title || p.slug).join(", ") }),
  h("td", { text: `${a.time_limit_minutes} min` }),
  h("td", { text: a.owner }),
  h("td", { text: a.shared_with.join(", ") || "–" }))));
document.getElementById("no-assessments").hidden = data.assessments.length > 0;

document.getElementById("problem-choices").replaceChildren(...data.problems.map((p) => h("label", { class: "choice" },
  h("input", { type: "checkbox", value: p.slug, onchange: (event) => {
    const index = chosen.indexOf(p.slug);
    if (event.target.checked && index < 0) chosen.push(p.slug);
    if (!event.target.checked && index >= 0) chosen.splice(index, 1);
  } }),
  ` ${p.title} `, h("span", { class: "muted", text: `(${p.difficulty})` }))));

const moment = (value) => (value ? new Date(value).toISOString() : null);

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const values = new FormData(form);
  const spec = {
    title: String(values.get("title") ?? "").trim(),
    problems: chosen,
    time_limit_minutes: Number(values.get("time_limit_minutes")),
    opens_at: moment(values.get("opens_at")),
    closes_at: moment(values.get("closes_at")),
    shared_with: String(values.get("shared_with") ?? "").split(",").map((s) => s.trim()).filter(Boolean),
  };
  if (!spec.title || !spec.problems.length) {
    showMessage(message, "Give the assessment a title and tick at least one problem.");
    return;
  }
  try {
    const created = await postJSON("/api/v1/assessments", spec);
    window.location.assign(`/interviews/assessments/${created.id}`);
  } catch (error) {
    showMessage(message, error.message);
  }
});
