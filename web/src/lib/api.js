// The JSON API as the pages use it: same endpoints as scripts, authenticated by the session
// cookie, with the CSRF token the server set at login echoed back on every state change.

// Served over HTTPS the cookie carries the __Host- prefix (Secure, this host only).
const CSRF_COOKIES = ["__Host-numjudge_csrf", "numjudge_csrf"];
export const CSRF_HEADER = "X-CSRF-Token";

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

export function readCookie(name) {
  const prefix = `${name}=`;
  for (const part of document.cookie.split(";")) {
    const item = part.trim();
    if (item.startsWith(prefix)) return decodeURIComponent(item.slice(prefix.length));
  }
  return "";
}

/** The token every change echoes in X-CSRF-Token: the CSRF cookie's value ("" if none). */
export function csrfToken() {
  return CSRF_COOKIES.map(readCookie).find(Boolean) ?? "";
}

// FastAPI errors come as {"detail": "..."} or, for validation, {"detail": [{msg, loc}, ...]}.
function errorMessage(status, body) {
  const detail = body && typeof body === "object" ? body.detail ?? body.message : body;
  if (typeof detail === "string" && detail) return detail;
  if (Array.isArray(detail) && detail.length) {
    return detail
      .map((item) => (item.loc ? `${item.loc.slice(1).join(".")}: ${item.msg}` : item.msg))
      .join("; ");
  }
  if (detail && typeof detail === "object" && detail.message) return detail.message;
  return `the server answered ${status}`;
}

/** What went wrong, for people: the server's message, and when to retry if it did not say. */
export function failureMessage(status, body, retryAfter) {
  const message = errorMessage(status, body);
  if (status === 429 && retryAfter && !/try again/i.test(message)) {
    return `${message}; try again in ${retryAfter} s`;
  }
  return message;
}

export async function api(method, path, body) {
  const content = body === undefined ? undefined : { type: "application/json", data: JSON.stringify(body) };
  return send(method, path, content);
}

/** POSTs `data` (a Blob or a File, such as a zip to import) as the body, declared `type`. */
export const postBody = (path, type, data) => send("POST", path, { type, data });

async function send(method, path, content) {
  const headers = { Accept: "application/json" };
  if (content !== undefined) headers["Content-Type"] = content.type;
  if (method !== "GET" && method !== "HEAD") {
    headers[CSRF_HEADER] = csrfToken();
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: content?.data,
    });
  } catch (error) {
    throw new ApiError(0, `cannot reach the server (${error.message}); check your connection`);
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!response.ok) {
    if (response.status === 401 && !path.startsWith("/api/v1/auth/")) {
      // The session ended (logout elsewhere, expiry): send the user to log in again.
      window.location.assign(`/login?next=${encodeURIComponent(location.pathname)}`);
    }
    const message = failureMessage(response.status, data, response.headers.get("Retry-After"));
    throw new ApiError(response.status, message, data);
  }
  return data;
}

export const getJSON = (path) => api("GET", path);
export const postJSON = (path, body) => api("POST", path, body ?? {});
