// The loss curve of the candidate's run drawn over the reference's, with uPlot (loaded only
// when there is a curve to draw), in the colours of the current theme.
import { h } from "./format.js";

function themeColor(name, fallback) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

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

/** Appends the chart to `container` (drawn once uPlot has loaded); returns false, drawing
 * nothing, when there is no curve. */
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
  import("uplot").then(({ default: uPlot }) => plot(uPlot, container, chartBox, logScale, [
    Array.from({ length }, (_, i) => i), pad(candidate), pad(reference)]));
  return true;
}

function plot(uPlot, container, chartBox, logScale, data) {
  const width = Math.max(240, Math.floor(container.getBoundingClientRect().width || 560));
  const axisColor = themeColor("--fg", "#1a1d23");
  const gridColor = themeColor("--grid", "rgba(0, 0, 0, 0.07)");
  const axis = (label, extra = {}) => ({ label, stroke: axisColor, grid: { stroke: gridColor },
    ticks: { stroke: gridColor }, ...extra });
  const options = {
    width,
    height: 220,
    scales: { x: { time: false }, y: logScale ? { distr: 3 } : {} },
    axes: [axis("iteration"), axis("loss", { size: 60 })],
    legend: { live: false },
    series: [
      {},
      { label: "your code", stroke: themeColor("--curve-candidate", "#c2410c"), width: 2, spanGaps: true },
      { label: "reference", stroke: themeColor("--curve-reference", "#1d4ed8"), width: 2, dash: [6, 4], spanGaps: true },
    ],
  };
  const chart = new uPlot(options, data, chartBox);
  const resize = new ResizeObserver(() => {
    const next = Math.floor(container.getBoundingClientRect().width);
    if (next > 0 && Math.abs(next - chart.width) > 4) chart.setSize({ width: next, height: 220 });
  });
  resize.observe(container);
}
