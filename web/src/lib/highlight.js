// Python highlighting outside the editor (code blocks in statements), with the editor's own
// parser and the same token classes (tok-*), so both are coloured by one set of CSS rules
// that follows the light or dark theme.
import { pythonLanguage } from "@codemirror/lang-python";
import { classHighlighter, highlightCode } from "@lezer/highlight";
import { h } from "./format.js";

const PYTHON = new Set(["python", "py", "python3"]);

function language(code) {
  const name = [...code.classList].find((c) => c.startsWith("language-"));
  return name ? name.slice("language-".length).toLowerCase() : "";
}

export function highlightPython(code) {
  const text = code.textContent;
  const tree = pythonLanguage.parser.parse(text);
  const parts = [];
  highlightCode(text, tree, classHighlighter,
    (chunk, classes) => parts.push(classes ? h("span", { class: classes, text: chunk }) : chunk),
    () => parts.push("\n"));
  code.replaceChildren(...parts);
  code.classList.add("highlighted");
}

/** Highlights every Python code block (and every block that names no language) in `root`. */
export function highlightCodeBlocks(root) {
  for (const code of root.querySelectorAll("pre > code")) {
    const name = language(code);
    if (!name || PYTHON.has(name)) highlightPython(code);
  }
}
