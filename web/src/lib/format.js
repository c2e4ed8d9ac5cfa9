// Small display helpers shared by the result, history and list views.

export const CATEGORY_LABELS = {
  mathematical_correctness: "Mathematical correctness",
  vectorized_implementation: "Vectorized implementation",
  numerical_stability: "Numerical stability",
  code_organization: "Code organization",
  convergence_awareness: "Convergence awareness",
};

export const VERDICT_LABELS = {
  accepted: "Accepted",
  wrong_answer: "Wrong answer",
  syntax_error: "Syntax error",
  forbidden_import: "Forbidden import",
  missing_interface: "Missing class or method",
  runtime_error: "Runtime error",
  time_limit: "Time limit exceeded",
  memory_limit: "Memory limit exceeded",
  output_limit: "Output limit exceeded",
  sandbox_error: "Sandbox stopped",
  internal_error: "Judge error",
};

export function categoryLabel(key) {
  return CATEGORY_LABELS[key] ?? key.replaceAll("_", " ");
}

export function verdictLabel(verdict) {
  return VERDICT_LABELS[verdict] ?? (verdict ? verdict.replaceAll("_", " ") : "");
}

// Scores and times are written exactly as api/formatting.py writes them on the server
// (tests/api/test_formatting.py checks both over the same values): one decimal without a
// trailing ".0", never "100" below full marks; times in UTC.
const FULL_MARKS = 100;

export function formatScore(score) {
  if (score === null || score === undefined || score === "") return "–";
  const value = Number(score);
  if (!Number.isFinite(value)) return "–";
  let tenths = Math.floor(value * 10 + 0.5);
  if (tenths >= FULL_MARKS * 10 && value < FULL_MARKS) tenths = FULL_MARKS * 10 - 1;
  const whole = Math.floor(Math.abs(tenths) / 10);
  const fraction = Math.abs(tenths) % 10;
  const sign = tenths < 0 ? "-" : "";
  return fraction === 0 ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}

export function formatSeconds(seconds) {
  const value = Number(seconds);
  if (!Number.isFinite(value)) return "–";
  return value < 1 ? `${Math.round(value * 1000)} ms` : `${value.toFixed(2)} s`;
}

const pad = (value) => String(value).padStart(2, "0");

/** "2026-11-29 20:53 UTC", as the server renders times in the pages. */
export function formatDate(iso) {
  if (!iso) return "";
  const date = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

/** "20:53:07 UTC": a time of day today, for "saved at". */
export function formatClock(date = new Date()) {
  return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} UTC`;
}

// A DOM element from a tag, attributes and children; strings become text nodes (never HTML).
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "class") element.className = value;
    else if (name === "text") element.textContent = value;
    else if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}
