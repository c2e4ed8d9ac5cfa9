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

export function formatScore(score) {
  if (score === null || score === undefined || Number.isNaN(Number(score))) return "–";
  const value = Number(score);
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export function formatSeconds(seconds) {
  const value = Number(seconds);
  if (!Number.isFinite(value)) return "–";
  return value < 1 ? `${Math.round(value * 1000)} ms` : `${value.toFixed(2)} s`;
}

export function formatDate(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
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
