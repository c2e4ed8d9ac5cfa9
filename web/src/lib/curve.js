// The loss curve of the candidate's run drawn over the reference's, with uPlot.
import uPlot from "uplot";
import { h } from "./format.js";

const CANDIDATE_COLOR = "#c2410c";
const REFERENCE_COLOR = "#1d4ed8";

function finite(values) {
  return values.filter((v) => typeof v === "number" && Number.isFinite(v));
}

function last(values) {
  const kept = finite(values);
  return kept.length ? kept[kept.length - 1] : null;
}

function describe(value) {
  return value === null ? "none" : value.toPrecision(4);
}

/** Appends the chart to `container`; returns false (drawing nothing) when there is no curve. */
export function drawLossCurve(container, curves) {
  const candidate = (curves?.candidate ?? []).map((v) => (Number.isFinite(v) ? v : null));
  const reference = (curves?.reference ?? []).map((v) => (Number.isFinite(v) ? v : null));
  const length = Math.max(candidate.length, reference.length);
  if (!length) return false;
  const pad = (values) => Array.from({ length }, (_, i) => values[i] ?? null);
  const all = finite([...candidate, ...reference]);
  // Losses spanning decades read better on a log axis; it needs positive values.
  const logScale = all.length > 1 && Math.min(...all) > 0 && Math.max(...all) / Math.min(...all) > 100;
  const summary = `Loss per iteration: your final loss ${describe(last(candidate))}, ` +
    `the reference's ${describe(last(reference))}, over ${length} recorded points.`;
  const chartBox = h("div", { class: "curve-chart", role: "img", "aria-label": summary });
  container.append(chartBox, h("p", { class: "curve-summary", text: summary }));
  const width = Math.max(280, Math.floor(container.getBoundingClientRect().width || 560));
  const options = {
    width,
    height: 220,
    scales: { x: { time: false }, y: logScale ? { distr: 3 } : {} },
    axes: [{ label: "iteration" }, { label: "loss", size: 60 }],
    legend: { live: false },
    series: [
      {},
      { label: "your code", stroke: CANDIDATE_COLOR, width: 2, spanGaps: true },
      { label: "reference", stroke: REFERENCE_COLOR, width: 2, dash: [6, 4], spanGaps: true },
    ],
  };
  const data = [Array.from({ length }, (_, i) => i), pad(candidate), pad(reference)];
  const plot = new uPlot(options, data, chartBox);
  const resize = new ResizeObserver(() => {
    const next = Math.floor(container.getBoundingClientRect().width);
    if (next > 0 && Math.abs(next - plot.width) > 4) plot.setSize({ width: next, height: 220 });
  });
  resize.observe(container);
  return true;
}
