// termsite calculators: the messages between the page (runtime.js) and the worker (worker.js).
//
// Declared once here and imported by both sides, so a message cannot be renamed on
// one side only. Every message is a plain object whose `type` is one of the names
// below; the other fields are listed beside it.

// Page → worker.
export const TO_WORKER = Object.freeze({
  // { indexURL, wheelURL }: boot Pyodide from indexURL, install the wheel, import
  // the calculators. Sent once, right after the worker is created.
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
  // { timings }: start-up finished; `timings` holds ms since `init` per stage, for
  // the benchmark script.
  ready: "ready",
  // { message }: start-up failed; `message` is one line, never a traceback.
  failed: "failed",
  // { id, json, ms }: the answer to `run` number `id`: the library's own JSON text
  // ({ok, result} or {ok: false, error}) and the ms the worker spent on it.
  result: "result",
});
