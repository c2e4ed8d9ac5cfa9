// The candidate's draft of one problem, kept twice: in this browser's localStorage (at once,
// so a reload, a crash or a lost connection loses nothing) and on the server
// (PUT /api/v1/problems/{slug}/draft, a moment later, so the draft follows the candidate to
// another browser). The browser's copy remembers the server revision it was written on top
// of and whether it still has to be sent; on load that decides which copy is the newer.
import { api, CSRF_HEADER, csrfToken } from "./api.js";
import { formatClock, formatDate } from "./format.js";

const LOCAL_DELAY_MS = 250;
const SERVER_DELAY_MS = 1500;

function storageKey(user, slug) {
  return `numjudge:draft:${user}:${slug}`;
}

function readLocal(key) {
  let raw = null;
  try {
    raw = window.localStorage.getItem(key);
  } catch {
    return null; // storage disabled: the server keeps the draft
  }
  if (raw === null) return null;
  try {
    const stored = JSON.parse(raw);
    if (stored && typeof stored.code === "string") return stored;
  } catch {
    // an older version stored the bare text
  }
  return { code: raw, base: null, pending: true, savedAt: 0 };
}

function writeLocal(key, value) {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/**
 * Which text the editor starts with: `{code, restored, message, unsent}`. `server` is the
 * draft the page embedded ({code, revision, updated_at}) or null.
 */
export function chooseDraft(local, server, starter) {
  const serverTime = server ? Date.parse(server.updated_at) : 0;
  let code = starter;
  let from = "";
  let unsent = false;
  if (local?.pending && (!server || local.base === server.revision)) {
    [code, from, unsent] = [local.code, "browser", true]; // edits not sent yet
  } else if (server && local?.pending && local.savedAt > serverTime) {
    [code, from, unsent] = [local.code, "browser", true]; // both changed; this one later
  } else if (server) {
    [code, from] = [server.code, "server"];
  }
  if (code === starter) return { code, restored: false, unsent: false, message: "Starting from the starter code" };
  const message = from === "server"
    ? `Draft restored (saved ${formatDate(server.updated_at)})`
    : "Draft restored from this browser";
  return { code, restored: true, unsent, message };
}

export class DraftKeeper {
  constructor({ user, slug, starter, server, onStatus }) {
    this.key = storageKey(user, slug);
    this.url = `/api/v1/problems/${encodeURIComponent(slug)}/draft`;
    this.onStatus = onStatus;
    this.revision = server?.revision ?? null;
    this.choice = chooseDraft(readLocal(this.key), server, starter);
    this.code = this.choice.code;
    this.localTimer = null;
    this.serverTimer = null;
    this.sending = null;
    this.unsent = this.choice.unsent;
    this.muted = false;
    window.addEventListener("pagehide", () => this.flush());
  }

  /** Starts sending a restored copy the server does not have yet. */
  start() {
    if (this.unsent) this.#scheduleServer();
  }

  changed(code) {
    if (this.muted) return;
    this.code = code;
    this.unsent = true;
    clearTimeout(this.localTimer);
    this.localTimer = setTimeout(() => this.#saveLocal(), LOCAL_DELAY_MS);
    this.#scheduleServer();
  }

  #saveLocal() {
    clearTimeout(this.localTimer);
    this.localTimer = null;
    const kept = writeLocal(this.key, {
      code: this.code, base: this.revision, pending: this.unsent, savedAt: Date.now(),
    });
    if (!kept) this.onStatus("This browser does not keep drafts: it is saved to your account only.");
    return kept;
  }

  #scheduleServer() {
    clearTimeout(this.serverTimer);
    this.serverTimer = setTimeout(() => this.#send(), SERVER_DELAY_MS);
  }

  async #send() {
    this.serverTimer = null;
    if (this.sending) {
      await this.sending.catch(() => {}); // one save at a time, in order
      if (this.unsent) this.#scheduleServer();
      return;
    }
    const code = this.code;
    this.sending = api("PUT", this.url, { code });
    try {
      const saved = await this.sending;
      this.revision = saved.revision;
      if (code === this.code) this.unsent = false;
      this.#saveLocal();
      this.onStatus(`Draft saved ${formatClock()}`);
    } catch (error) {
      this.#saveLocal();
      this.onStatus(`Draft kept in this browser only (${error.message}); it is sent again on your next change.`);
    } finally {
      this.sending = null;
    }
  }

  /** On leaving the page: the browser's copy now, and a last save that outlives the page. */
  flush() {
    if (this.localTimer !== null) this.#saveLocal();
    if (this.serverTimer === null) return;
    clearTimeout(this.serverTimer);
    this.serverTimer = null;
    fetch(this.url, {
      method: "PUT",
      keepalive: true,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", [CSRF_HEADER]: csrfToken() },
      body: JSON.stringify({ code: this.code }),
    }).catch(() => {}); // the browser's copy is sent next time
  }

  /** Back to the starter code: both copies are forgotten. */
  async discard() {
    clearTimeout(this.localTimer);
    clearTimeout(this.serverTimer);
    this.localTimer = this.serverTimer = null;
    this.unsent = false;
    writeLocal(this.key, null);
    try {
      await api("DELETE", this.url);
      this.revision = null;
      this.onStatus("Starting from the starter code");
    } catch (error) {
      this.onStatus(`The draft saved in your account could not be removed (${error.message}).`);
    }
  }

  /** Runs `change` (a change of the editor's text) without saving it as an edit. */
  quietly(change) {
    this.muted = true;
    try {
      change();
    } finally {
      this.muted = false;
    }
  }
}
