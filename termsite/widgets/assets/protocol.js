// termsite calculators: the messages between the page (runtime.js) and the worker (worker.js).
//
// Declared once here and imported by both sides, so a message cannot be renamed on
// one side only. Every message is a plain object whose `type` is one of the names
// below; the other fields are listed beside it.

// Page → worker.
export const TO_WORKER = Object.freeze({
  // { indexURL, wheelURL, snapshotURL, snapshotBuild }: start Python, from the
  // memory snapshot at snapshotURL when there is one ("" when not) and it was made
  // for snapshotBuild (the wheel's digest), else by booting Pyodide from indexURL
  // and installing the wheel. Sent once, right after the worker is created.
  init: "init",
  // { id, calc, inputs }: run calculator `calc` on the form's string `inputs`. The
  // worker answers with one `result` carrying the same `id`.
  run: "run",
});

// Worker → page.
export const FROM_WORKER = Object.freeze({
  // { stage }: start-up reached `stage` ("runtime", then "calculators"), a key of
  // the page's status sentences.
  progress: "progress",
  // { timings }: start-up finished; `timings` holds ms since `init` per stage, and
  // `boot` ("snapshot" or "plain") with the `fallback` reason, for tests and the
  // benchmark script.
  ready: "ready",
  // { message, cause }: start-up failed; `message` is one line, never a traceback,
  // and `cause` one of FAILURE.
  failed: "failed",
  // { id, json, ms }: the answer to `run` number `id`: the library's own JSON text
  // ({ok, result} or {ok: false, error}) and the ms the worker spent on it.
  result: "result",
});

// Why start-up failed, when the page has a better sentence than the worker's message.
export const FAILURE = Object.freeze({
  // The browser refused to compile WebAssembly: a Content-Security-Policy without
  // 'wasm-unsafe-eval' in script-src.
  wasmRefused: "wasm-refused",
  // Anything else: a download failed, the browser is too old, Python did not start.
  other: "other",
});
