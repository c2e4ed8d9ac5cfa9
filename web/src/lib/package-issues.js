// A package's faults as the API lists them ({file, where, reason}): after an import that was
// refused, and as the static validation of a draft. `onOpen(file)`, when given, makes each
// file that the draft holds a button that opens it.
import { h } from "./format.js";

export function issueItems(issues, { onOpen, files } = {}) {
  return issues.map(({ file, where, reason }) => {
    const name = file || "the package";
    const opens = onOpen && file && files?.has(file);
    return h("li", { class: "issue" },
      opens
        ? h("button", { type: "button", class: "link issue-file", onclick: () => onOpen(file), text: file })
        : h("strong", { class: "issue-file", text: name }),
      where ? h("span", { class: "issue-where", text: ` ${where}` }) : null,
      h("span", { text: `: ${reason}` }));
  });
}

/** `message` in `element` (role="alert"), with every fault listed below it. */
export function showIssues(element, message, issues = []) {
  element.replaceChildren(
    h("p", { text: message }),
    issues.length ? h("ul", { class: "issues" }, issueItems(issues)) : null,
  );
  element.dataset.kind = "error";
  element.hidden = false;
}
