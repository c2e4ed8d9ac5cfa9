// Hints (revealed one at a time, remembered by the server) and the editorial (opened after a
// first submission, loaded when its panel is opened) on the problem page. The HTML comes from
// the server, sanitized like the statement; math and code are rendered here the same way.
import { ApiError, getJSON, postJSON } from "./api.js";
import { h } from "./format.js";
import { highlightCodeBlocks } from "./highlight.js";
import { renderMath } from "./math.js";

function richBlock(html) {
  const block = h("div", { class: "statement" });
  block.innerHTML = html; // sanitized by the server (nh3), as the statement is
  highlightCodeBlocks(block);
  renderMath(block);
  return block;
}

function showHints(list, button, answer) {
  list.replaceChildren(
    ...answer.revealed.map((hint) =>
      h("li", {}, h("strong", {}, `Hint ${hint.number}: ${hint.title}`), richBlock(hint.html)),
    ),
  );
  const left = answer.total - answer.revealed.length;
  button.hidden = left === 0;
  button.textContent = answer.revealed.length ? `Show the next hint (${left} left)` : `Show a hint (${answer.total})`;
}

export function initGuidance(slug, status) {
  const base = `/api/v1/problems/${encodeURIComponent(slug)}`;
  const list = document.getElementById("hints");
  const button = document.getElementById("reveal-hint");
  const editorial = document.getElementById("editorial");
  const editorialBody = document.getElementById("editorial-body");
  const fail = (error) => status(error instanceof ApiError ? error.message : String(error));

  getJSON(`${base}/hints`).then((answer) => showHints(list, button, answer), fail);
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      showHints(list, button, await postJSON(`${base}/hints/reveal`, {}));
    } catch (error) {
      fail(error);
    } finally {
      button.disabled = false;
    }
  });
  // Loaded each time the panel opens while it is still locked: a submission may have opened it.
  let loaded = false;
  editorial.addEventListener("toggle", async () => {
    if (!editorial.open || loaded) return;
    try {
      const answer = await getJSON(`${base}/editorial`);
      editorialBody.replaceChildren(richBlock(answer.html));
      loaded = true;
    } catch (error) {
      editorialBody.replaceChildren(h("p", { class: "muted" }, error instanceof ApiError ? error.message : String(error)));
    }
  });
}
