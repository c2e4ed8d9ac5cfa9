// The draft page's "Validate and publish": Validate asks a worker to judge the reference and
// every known submission (the package's code in containers); the status is polled every
// second while queued or running, then each known submission's expected outcome is shown
// beside the one it got. A validation of an earlier revision is stale. Publish is enabled
// only when the latest validation passed for the draft's current revision.
import { ApiError, getJSON, postJSON } from "./api.js";
import { categoryLabel, formatScore, h, verdictLabel } from "./format.js";
import { showMessage } from "./layout.js";

const POLL_MS = 1000;
const UNFINISHED = new Set(["queued", "running"]);
const STATUS_TEXT = {
  queued: "queued: waiting for a worker…",
  running: "running: judging the known submissions in containers…",
  passed: "passed: every known submission got its declared outcome.",
  failed: "failed: a known submission missed its declared outcome (see the table).",
  error: "error: the package itself failed.",
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const categories = (keys) => keys.map(categoryLabel).join(", ");

function expectedText(expected) {
  const parts = [];
  if (expected.score !== null) parts.push(`score ${formatScore(expected.score)}`);
  if (expected.verdict) parts.push(verdictLabel(expected.verdict));
  if (expected.loses.length) parts.push(`loses points in ${categories(expected.loses)}`);
  if (expected.keeps.length) parts.push(`keeps 100 in ${categories(expected.keeps)}`);
  return parts.join("; ") || "—";
}

// Why a submission scored what it did: the checks that did not give full marks, folded.
function checksBelowFull(checks) {
  if (!checks || checks.length === 0) return null;
  return h("details", { class: "checks-below-full" },
    h("summary", { text: `${checks.length} check${checks.length === 1 ? "" : "s"} below 100` }),
    h("ul", {}, ...checks.map((text) => h("li", { text }))));
}

const gotText = (got) => `${verdictLabel(got.verdict)}, ${formatScore(got.score)}`;

/** Wires the section up; returns what the editor calls when a save changes the revision. */
export function initPublishing(draftId, initialRevision) {
  const base = `/api/v1/package-drafts/${draftId}`;
  const validateButton = document.getElementById("validate-draft");
  const publishButton = document.getElementById("publish-draft");
  const status = document.getElementById("run-status");
  const runError = document.getElementById("run-error");
  const published = document.getElementById("published");
  const table = document.getElementById("known-table");
  let revision = initialRevision;
  let latest = null;
  let polling = false;

  function show(validation) {
    latest = validation;
    const stale = validation.revision !== revision;
    status.textContent = `Validation of revision ${validation.revision} ${STATUS_TEXT[validation.status]}` +
      (stale ? ` Stale: the draft changed since (it is at revision ${revision}); validate again.` : "");
    status.dataset.kind = stale ? "stale" : validation.status;
    showMessage(runError, validation.error);
    table.hidden = validation.outcomes.length === 0;
    table.tBodies[0].replaceChildren(...validation.outcomes.map((outcome) => {
      const met = outcome.unmet.length === 0;
      return h("tr", { class: met ? "met" : "unmet" },
        h("td", {}, h("code", { text: outcome.name })),
        h("td", { text: expectedText(outcome.expected) }),
        h("td", { title: outcome.got.message }, gotText(outcome.got), checksBelowFull(outcome.got.checks_below_full)),
        h("td", { text: outcome.unmet.join("; ") || "—" }),
        h("td", { class: "mark", text: met ? "✓ met" : "✗ unmet" }));
    }));
    publishButton.disabled = stale || validation.status !== "passed";
  }

  async function poll() {
    if (polling) return;
    polling = true;
    try {
      while (latest && UNFINISHED.has(latest.status)) {
        await sleep(POLL_MS);
        show(await getJSON(`${base}/validations/latest`));
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      showMessage(runError, error.message);
    } finally {
      polling = false;
    }
  }

  // Validate stays usable while a validation waits: a lost one (its worker died) would
  // otherwise block the page; the newest validation is the one that counts.
  validateButton.addEventListener("click", async () => {
    validateButton.disabled = true;
    published.hidden = true;
    try {
      show(await postJSON(`${base}/validations`));
      poll();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      showMessage(runError, error.message);
    } finally {
      validateButton.disabled = false;
    }
  });

  publishButton.addEventListener("click", async () => {
    publishButton.disabled = true;
    try {
      const answer = await postJSON(`${base}/publish`, { revision });
      published.replaceChildren(
        `Published revision ${revision} as version ${answer.version} of ${answer.slug}. `,
        h("a", { href: answer.problem_url, text: "Open the problem page" }));
      published.hidden = false;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      showMessage(runError, error.message);
      publishButton.disabled = false;
    }
  });

  getJSON(`${base}/validations/latest`).then((validation) => {
    revision = Math.max(revision, validation.draft_revision);
    show(validation);
    poll();
  }, (error) => {
    if (!(error instanceof ApiError)) throw error;
    status.textContent = error.status === 404 ? "Not validated yet." : error.message;
  });

  return {
    revisionChanged(newRevision) {
      revision = newRevision;
      if (latest) show(latest);
    },
  };
}
