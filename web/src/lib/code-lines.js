// Code shown with line numbers, some lines marked (shared with another submission, or
// commented on); each line number can be a button (to comment on that line).
import { h } from "./format.js";

export function codeWithLines(code, marked = [], { onLine = null, label = "Code" } = {}) {
  const marks = new Set(marked);
  return h("pre", { class: "code-lines", tabindex: "0", "aria-label": label }, code.split("\n").map((text, index) => {
    const line = index + 1;
    const number = onLine
      ? h("button", { type: "button", class: "line-number", "aria-label": `Comment on line ${line}`, text: String(line), onclick: () => onLine(line) })
      : h("span", { class: "line-number", text: String(line) });
    return h("span", { class: marks.has(line) ? "code-line marked" : "code-line", "data-line": line }, number, text, "\n");
  }));
}
