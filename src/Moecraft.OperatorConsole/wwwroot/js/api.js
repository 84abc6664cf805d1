// Every figure the console shows comes from the silo's /moecraft endpoints, called with the operator's credential:
// the key pasted into the page, kept for this browser tab only (sessionStorage), sent as a bearer token. Without a key
// the silo decides: open local access (a loopback silo with no keys) makes the caller an operator.

const storageKey = "moecraft.console.key";

export const credential = {
  get: () => sessionStorage.getItem(storageKey),
  set: (key) => sessionStorage.setItem(storageKey, key),
  clear: () => sessionStorage.removeItem(storageKey),
};

/** A refused or failed call: the HTTP status and the problem details' text. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function headers(extra) {
  const result = { Accept: "application/json", ...extra };
  const key = credential.get();
  if (key) result.Authorization = `Bearer ${key}`;
  return result;
}

async function failure(response) {
  let message = `${response.status} ${response.statusText}`;
  try {
    const problem = await response.json();
    message = problem.detail || problem.title || problem.error?.message || message;
  } catch {
    // Not JSON: keep the status line.
  }
  return new ApiError(response.status, message);
}

/** Calls a /moecraft endpoint: GET by default, or the method with a JSON body. Answers the parsed JSON. */
export async function api(path, { method = "GET", body } = {}) {
  const init = { method, headers: headers(body === undefined ? {} : { "Content-Type": "application/json" }) };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await fetch(path, init);
  if (!response.ok) throw await failure(response);
  return response.status === 204 ? null : response.json();
}

/** Builds a path with its query, leaving out empty values. */
export function path(base, query = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== "") params.set(name, value);
  const text = params.toString();
  return text ? `${base}?${text}` : base;
}

/**
 * Reads a server-sent event stream with fetch (EventSource cannot send a bearer token) and calls onEvent(name, data)
 * for each event until the signal aborts. Resolves when the stream ends; rejects with ApiError when refused.
 */
export async function readEvents(url, signal, onEvent) {
  const response = await fetch(url, { headers: headers({ Accept: "text/event-stream" }), signal });
  if (!response.ok) throw await failure(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replaceAll("\r\n", "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) name = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
      }
      if (data.length > 0) onEvent(name, JSON.parse(data.join("\n")));
    }
  }
}
