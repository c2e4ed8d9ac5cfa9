// A candidate's assessment under way: the time left in the header of every page (from the
// server's deadline; the server, not this timer, refuses work after it), and the editor
// snapshots the interviewer plays back (every few seconds while the code changes, at every
// Run and Submit, on a large paste, and when the tab is left or comes back).
import { getJSON, postJSON } from "./api.js";

const SNAPSHOT_SECONDS = 5;
export const LARGE_PASTE_CHARACTERS = 200;
let active = null;

/** The attempt in progress (or null), asked of the server once per page. */
export function activeAttempt() {
  active ??= getJSON("/api/v1/me/attempts")
    .then((attempts) => attempts.find((a) => a.status === "in_progress") ?? null)
    .catch(() => null);
  return active;
}

export function formatRemaining(seconds) {
  const total = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = String(total % 60).padStart(2, "0");
  return hours ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}

/** Counts down from the server's remaining time; `onEnd` runs once when it reaches 0. */
export function countdown(attempt, onTick, onEnd) {
  const endsAt = performance.now() + attempt.remaining_seconds * 1000;
  let ended = false;
  const tick = () => {
    const left = (endsAt - performance.now()) / 1000;
    onTick(left);
    if (left <= 0 && !ended) {
      ended = true;
      clearInterval(timer);
      onEnd?.();
    }
  };
  const timer = setInterval(tick, 500);
  tick();
}

export async function showTimer() {
  const link = document.getElementById("attempt-timer");
  if (!link) return;
  const attempt = await activeAttempt();
  if (!attempt) return;
  link.href = `/my/assessments/${attempt.id}`;
  link.hidden = false;
  countdown(attempt, (left) => {
    link.textContent = left > 0 ? `${attempt.assessment}: ${formatRemaining(left)} left` : "Time is up";
    link.classList.toggle("attempt-timer-low", left < 300);
  }, () => document.dispatchEvent(new CustomEvent("attempt-ended", { detail: attempt })));
}

/** Records the editor of `slug` while `attempt` includes it. Returns `snapshot(kind)` for
 * the page to call at Run and Submit. */
export function recordSnapshots(attempt, slug, { getCode, element }) {
  if (!attempt || !attempt.problems.some((p) => p.slug === slug)) return () => {};
  let sent = null;
  let stopped = false;
  const send = (kind, detail = "") => {
    if (stopped) return;
    const code = getCode();
    if (kind === "edit" && code === sent) return;
    sent = code;
    postJSON(`/api/v1/me/attempts/${attempt.id}/snapshots`, { problem: slug, kind, code, detail })
      .catch((error) => { if (error.status === 403) stopped = true; });
  };
  setInterval(() => send("edit"), SNAPSHOT_SECONDS * 1000);
  element.addEventListener("paste", (event) => {
    const pasted = event.clipboardData?.getData("text") ?? "";
    if (pasted.length >= LARGE_PASTE_CHARACTERS) {
      setTimeout(() => send("paste", `${pasted.length} characters pasted`), 0);
    }
  });
  document.addEventListener("visibilitychange", () => {
    send(document.visibilityState === "hidden" ? "blur" : "focus",
      document.visibilityState === "hidden" ? "left the tab" : "came back");
  });
  document.addEventListener("attempt-ended", () => { stopped = true; });
  send("edit");
  return (kind) => send(kind);
}
