// Following a submission while it is judged: Server-Sent Events from
// /api/v1/submissions/{id}/events (the browser resumes with Last-Event-ID on its own), drawn
// as one progress bar per probe group, then the final report fetched from the JSON API.
import { getJSON } from "./api.js";
import { h } from "./format.js";
import { groupLabel } from "./probes.js";

const FINAL_STATUSES = new Set(["done", "error"]);
// "result" closes the stream once the database holds the result; the engine's own
// "finished" comes before that write, so it is not final here.
const FINAL_TYPES = new Set(["result"]);
const NAMED_EVENTS = ["state", "status", "probe", "grading", "finished", "result", "message"];
const POLL_INTERVAL_MS = 1000;

function parse(event) {
  if (!event.data) return null;
  try {
    const data = JSON.parse(event.data);
    if (data && typeof data === "object") {
      if (!data.type && event.type !== "message") data.type = event.type;
      return data;
    }
  } catch {
    // not JSON: ignore, the next event or the final fetch tells the state
  }
  return null;
}

// A probe's own status ("error" when the candidate's code raised) is not the submission's.
function isFinal(data) {
  const probeEvent = Boolean(data.name ?? data.probe) && Boolean(data.group);
  return FINAL_TYPES.has(data.type) || (!probeEvent && FINAL_STATUSES.has(data.status));
}

/**
 * Calls `onEvent(data)` for each event and `onFinal(submission)` once with the stored result.
 * Returns a function that stops following.
 */
export function followSubmission(id, { onEvent, onFinal, onProblem }) {
  const url = `/api/v1/submissions/${encodeURIComponent(id)}/events`;
  let stopped = false;
  let source = null;
  let poller = null;

  const stop = () => {
    stopped = true;
    source?.close();
    clearInterval(poller);
  };

  const finish = async () => {
    if (stopped) return;
    source?.close();
    try {
      const submission = await getJSON(`/api/v1/submissions/${encodeURIComponent(id)}`);
      if (FINAL_STATUSES.has(submission.status)) {
        stop();
        onFinal(submission);
      } else {
        poll(); // the stream ran ahead of the database: ask until the row is final
      }
    } catch (error) {
      stop();
      onProblem?.(error.message);
    }
  };

  // The database is the source of truth: if the stream cannot be used, ask it directly.
  const poll = () => {
    if (poller || stopped) return;
    poller = setInterval(async () => {
      try {
        const submission = await getJSON(`/api/v1/submissions/${encodeURIComponent(id)}`);
        onEvent({ type: "state", ...submission });
        if (FINAL_STATUSES.has(submission.status)) {
          stop();
          onFinal(submission);
        }
      } catch (error) {
        onProblem?.(error.message);
      }
    }, POLL_INTERVAL_MS);
  };

  if (typeof EventSource === "undefined") {
    poll();
    return stop;
  }
  source = new EventSource(url, { withCredentials: true });
  const handle = (event) => {
    const data = parse(event);
    if (!data || stopped) return;
    onEvent(data);
    if (isFinal(data)) finish();
  };
  for (const name of NAMED_EVENTS) source.addEventListener(name, handle);
  source.addEventListener("error", (event) => {
    if (event.data) {
      handle(event); // a server-sent event named "error" (the submission failed)
      return;
    }
    // EventSource reconnects by itself while CONNECTING; once CLOSED it has given up.
    if (source.readyState === EventSource.CLOSED) poll();
  });
  return stop;
}

/** The progress panel: an overall bar and one bar per probe group, in the order groups run,
 * each labelled in words (probes.js). Bars show only what was measured: a group that never
 * reported and an overall bar with nothing counted are removed when judging completes. */
export class ProgressView {
  constructor(container) {
    this.container = container;
    this.groups = new Map();
    this.container.replaceChildren();
    this.status = h("p", { class: "progress-status", role: "status", "aria-live": "polite" });
    this.overall = this.#bar("All checks", "progress-overall");
    this.list = h("div", { class: "progress-groups" });
    this.container.append(this.status, this.overall.row, this.list);
    this.setStatus("Queued: waiting for a judge…");
  }

  #bar(label, extraClass = "") {
    const meter = h("progress", { max: 1, value: 0, "aria-label": label });
    const count = h("span", { class: "progress-count" });
    const row = h("div", { class: `progress-row ${extraClass}` },
      h("span", { class: "progress-label", text: label, title: label }), meter, count);
    return { row, meter, count, label, done: 0, total: null, failed: 0, seen: new Set() };
  }

  setStatus(text) {
    this.status.textContent = text;
  }

  #group(name) {
    let group = this.groups.get(name);
    if (!group) {
      group = this.#bar(groupLabel(name));
      group.row.dataset.group = name;
      this.groups.set(name, group);
      this.list.append(group.row);
    }
    return group;
  }

  #draw(bar) {
    if (bar.total === null) {
      bar.meter.removeAttribute("value"); // size unknown yet: an indeterminate bar
      bar.count.textContent = bar.done ? `${bar.done}` : "";
    } else {
      bar.meter.max = Math.max(bar.total, 1);
      bar.meter.value = Math.min(bar.done, bar.meter.max);
      bar.count.textContent = `${bar.done}/${bar.total}`;
    }
    bar.row.classList.toggle("progress-complete", bar.total !== null && bar.done >= bar.total);
    bar.row.classList.toggle("progress-failed", bar.failed > 0);
  }

  // Group totals, when the server announces them: {name: total} or [{name|group, total}].
  #plan(groups) {
    const entries = Array.isArray(groups)
      ? groups.map((g) => [g.name ?? g.group, g.total ?? g.probes ?? null])
      : Object.entries(groups);
    for (const [name, total] of entries) {
      const group = this.#group(name);
      group.total = typeof total === "number" ? total : null;
      this.#draw(group);
    }
  }

  update(data) {
    if (data.groups && typeof data.groups === "object") this.#plan(data.groups);
    const probe = data.name ?? data.probe;
    if (!probe && data.status === "queued") this.setStatus("Queued: waiting for a judge…");
    if (!probe && data.status === "running") this.setStatus("Running your code in the sandbox…");
    if (data.type === "grading") this.setStatus("Grading the results…");
    if (typeof data.total === "number") this.overall.total = data.total;
    if (typeof data.done === "number") this.overall.done = Math.max(this.overall.done, data.done);
    this.#draw(this.overall);
    const groupName = data.group;
    if (groupName && probe) {
      const group = this.#group(groupName);
      if (group.seen.has(probe)) return; // replayed after a reconnect
      group.seen.add(probe);
      group.done += 1;
      if (data.status && !["ok", "passed", "done"].includes(data.status)) group.failed += 1;
      // Groups run one after another: an earlier group with an unknown size is complete now.
      for (const [name, other] of this.groups) {
        if (name === groupName) break;
        if (other.total === null) other.total = other.done;
        this.#draw(other);
      }
      this.#draw(group);
      const count = group.total === null ? `${group.done} done` : `${group.done} of ${group.total} done`;
      this.setStatus(`Checking ${group.label.charAt(0).toLowerCase()}${group.label.slice(1)}: ${count}`);
    }
    // Every probe reported: the groups still open are complete too.
    if (this.overall.total !== null && this.overall.done >= this.overall.total) {
      for (const other of this.groups.values()) {
        if (other.total === null) other.total = other.done;
        this.#draw(other);
      }
    }
  }

  /** Judging ended. `probes` (a Run's report, which has no live events) counts the overall
   * bar; bars with nothing to measure are removed rather than shown as 0/0 (a
   * group that was announced but never ran still shows, as 0/3). */
  complete({ probes } = {}) {
    if (Array.isArray(probes) && !this.overall.done) {
      this.overall.total = probes.length;
      this.overall.done = probes.length;
      this.overall.failed = probes.filter((p) => p.status && p.status !== "ok").length;
      this.overall.label = "Sample probes";
      this.overall.row.querySelector(".progress-label").textContent = "Sample probes";
      this.overall.meter.setAttribute("aria-label", "Sample probes");
    }
    for (const [name, group] of this.groups) {
      if (group.total === null) group.total = group.done;
      if (!group.total) { // announced as empty, or never heard of: nothing was measured
        group.row.remove();
        this.groups.delete(name);
      } else {
        this.#draw(group);
      }
    }
    if (this.overall.total === null) this.overall.total = this.overall.done;
    if (!this.overall.done) this.overall.row.remove();
    else this.#draw(this.overall);
    this.setStatus("Judged.");
  }
}
