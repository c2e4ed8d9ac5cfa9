// A unified diff between two versions of one's code, drawn line by line (text nodes only).
import { structuredPatch } from "diff";
import { h } from "./format.js";

export function renderUnifiedDiff(container, oldName, newName, oldText, newText) {
  const patch = structuredPatch(oldName, newName, oldText, newText, "", "", { context: 3 });
  container.replaceChildren();
  if (!patch.hunks.length) {
    container.append(h("p", { class: "diff-same", text: "The two submissions have identical code." }));
    return { added: 0, removed: 0 };
  }
  let added = 0;
  let removed = 0;
  const lines = [
    h("span", { class: "diff-line diff-file", text: `--- ${oldName}` }),
    h("span", { class: "diff-line diff-file", text: `+++ ${newName}` }),
  ];
  for (const hunk of patch.hunks) {
    lines.push(h("span", { class: "diff-line diff-hunk",
      text: `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@` }));
    for (const line of hunk.lines) {
      if (line.startsWith("\\")) continue; // "\ No newline at end of file"
      const kind = line[0] === "+" ? "add" : line[0] === "-" ? "del" : "ctx";
      if (kind === "add") added += 1;
      if (kind === "del") removed += 1;
      lines.push(h("span", { class: `diff-line diff-${kind}`, text: line }));
    }
  }
  const summary = `${added} line${added === 1 ? "" : "s"} added, ${removed} removed`;
  container.append(
    h("p", { class: "diff-summary", text: summary }),
    h("pre", { class: "diff", tabindex: "0", "aria-label": `Unified diff: ${summary}` }, lines));
  return { added, removed };
}
