// The judge's report as a candidate reads it: verdict and score, one bar per rubric category,
// every check that lost points with its message, the loss curve and the judge's timing.
import { drawLossCurve } from "./curve.js";
import { categoryLabel, formatScore, formatSeconds, h, verdictLabel } from "./format.js";

// The judge's timing keys (sandbox.judge and sandbox.container), in reading order.
const TIMING_LABELS = {
  total: "Judge total",
  container_start: "Sandbox start",
  harness: "Your code in the sandbox",
  sandbox_total: "Sandbox total",
  reference: "Reference run (beside yours)",
  grading: "Grading",
};

function timingRows(report) {
  const timing = report.timing ?? {};
  const known = Object.keys(TIMING_LABELS).filter((key) => key in timing);
  const others = Object.keys(timing).filter((key) => !(key in TIMING_LABELS));
  const rows = [...known, ...others]
    .filter((key) => Number.isFinite(Number(timing[key])))
    .map((key) => [TIMING_LABELS[key] ?? key.replaceAll("_", " "), Number(timing[key])]);
  const submitted = Date.parse(report.created_at ?? "");
  const finished = Date.parse(report.finished_at ?? "");
  if (Number.isFinite(submitted) && Number.isFinite(finished) && finished >= submitted) {
    rows.push(["Submitted to result (queue included)", (finished - submitted) / 1000]);
  }
  return rows;
}

function scoreBar(label, score, detail) {
  const value = Math.max(0, Math.min(100, Number(score) || 0));
  // The meter's low/high/optimum colour it: green when full, amber from 50, red below.
  return h("div", { class: "score-row" },
    h("span", { class: "score-label", text: label }),
    h("meter", { min: 0, max: 100, low: 50, high: 99.99, optimum: 100, value, "aria-label": `${label}: ${formatScore(value)} of 100` }),
    h("span", { class: "score-value", text: formatScore(value) }),
    detail ? h("span", { class: "score-detail", text: detail }) : null);
}

function checkItem(check) {
  return h("li", { class: check.passed ? "check passed" : "check failed" },
    h("div", { class: "check-head" },
      h("span", { class: "check-mark", "aria-hidden": "true", text: check.passed ? "✓" : "✗" }),
      h("code", { class: "check-name", text: check.name }),
      h("span", { class: "check-category", text: categoryLabel(check.category ?? "") }),
      h("span", { class: "check-score", text: `${formatScore(check.score)} / 100` })),
    check.message ? h("p", { class: "check-message", text: check.message }) : null);
}

function timingTable(report) {
  const rows = timingRows(report);
  if (!rows.length) return null;
  return h("table", { class: "timing" },
    h("caption", { text: "Judge timing" }),
    h("tbody", {}, rows.map(([label, seconds]) => h("tr", {},
      h("th", { scope: "row", text: label }),
      h("td", { text: formatSeconds(seconds) })))));
}

// The sample probes' calls in words (sandbox/harness/transcript.py): what was asked, what
// your code answered, and what the reference answered to the same call. Arrays show their
// dtype, shape and first values.
function sampleCalls(report, open) {
  const probes = (report.probes ?? []).filter((p) => (p.transcript ?? []).length);
  if (!probes.length) return null;
  const rows = probes.flatMap((probe) => probe.transcript.map((line, index) => {
    const expected = (probe.expected ?? [])[index]?.result ?? "";
    const differs = expected !== line.result && !line.call.startsWith("…");
    return h("tr", { class: differs ? "differs" : "" },
      h("td", {}, h("code", { text: line.call })),
      h("td", {}, h("code", { text: line.result })),
      h("td", {}, h("code", { text: expected })));
  }));
  return h("details", { class: "sample-calls", open },
    h("summary", { text: "Sample calls: your answers and the expected ones" }),
    h("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-label": "Sample calls" },
      h("table", {},
        h("thead", {}, h("tr", {},
          h("th", { scope: "col", text: "Call" }),
          h("th", { scope: "col", text: "Your code" }),
          h("th", { scope: "col", text: "Expected" }))),
        h("tbody", {}, rows))));
}

function outputBlock(title, text) {
  if (!text) return null;
  return h("details", { class: "output" }, h("summary", { text: title }), h("pre", { text }));
}

/** Replaces `container`'s content with the report of a judged run or submission; `partial`
 * says it is a Run's (sample probes only). */
export function renderReport(container, report, { title = "Result", link = null, partial = false } = {}) {
  container.replaceChildren();
  const checks = report.checks ?? [];
  const failed = checks.filter((c) => !c.passed);
  const verdict = report.verdict ?? (report.status === "error" ? "internal_error" : "");
  const heading = h("div", { class: `result-head verdict-${verdict}` },
    h("h2", { tabindex: "-1", class: "result-title", text: title }),
    h("p", { class: "result-verdict" },
      h("span", { class: "verdict", text: verdictLabel(verdict) || report.status }),
      h("span", { class: "result-score" },
        h("strong", { "data-testid": "overall-score", text: formatScore(report.score) }), " / 100")),
    report.message || report.error ? h("p", { class: "result-message", text: report.message || report.error }) : null,
    link ? h("p", {}, h("a", { href: link.href, text: link.text })) : null);

  // Only what was measured: a category with no check behind it (a Run's samples test some
  // categories only) has no score to show, not an empty bar.
  const all = Object.entries(report.categories ?? {});
  const categories = all.filter(([, item]) => item.checks_total === undefined || item.checks_total > 0);
  const unmeasured = all.length - categories.length;
  const rubric = categories.length === 0 ? null : h("section", { class: "rubric", "aria-label": "Rubric" },
    h("h3", { text: "Rubric" }),
    unmeasured && partial ? h("p", { class: "hint rubric-note",
      text: `The sample probes test ${categories.length} of the ${all.length} categories; Submit judges all of them.` }) : null,
    categories.map(([key, item]) => {
      const detail = [
        item.weight !== undefined ? `weight ${formatScore(item.weight)}` : "",
        item.checks_total ? `${item.checks_passed}/${item.checks_total} checks` : "",
      ].filter(Boolean).join(" · ");
      return scoreBar(categoryLabel(key), item.score, detail);
    }));

  const failures = h("section", { class: "failures", "aria-label": "Failed checks" },
    h("h3", { text: failed.length ? `Checks that lost points (${failed.length})` : "Every check passed" }),
    failed.length ? h("ul", { class: "checks" }, failed.map(checkItem)) : null,
    checks.length ? h("details", { class: "all-checks" },
      h("summary", { text: `All ${checks.length} checks` }),
      h("ul", { class: "checks" }, checks.map(checkItem))) : null);

  const curve = h("section", { class: "curve", "aria-label": "Loss curve" }, h("h3", { text: "Loss curve" }));
  const timing = timingTable(report);
  const sections = [heading, rubric, failures, sampleCalls(report, partial), curve,
    timing ? h("section", { class: "timing-section" }, timing) : null,
    outputBlock("Your code's standard output", report.stdout),
    outputBlock("Your code's standard error", report.stderr)];
  container.append(...sections.filter(Boolean));
  if (!drawLossCurve(curve, report.curves)) curve.remove();
  return `${verdictLabel(verdict) || report.status}, ${formatScore(report.score)} of 100`;
}
