// termsite calculators: the module Web Worker that runs Python off the main thread.
//
// One worker serves every widget on a page. It loads Pyodide from the URL the
// page gives it (self-hosted by default), installs the calculators wheel built
// with the site, and answers run requests with the library's own JSON text, so
// the page never parses a Python object and never sees a traceback.
//
// Start-up overlaps what it can: the wheel is fetched while Pyodide boots (the
// runtime already fetches its wasm, standard library and lock file in parallel),
// the wheel's bytes are then installed into site-packages, and the calculators
// are imported before "ready", so the first computation only computes.

import { FROM_WORKER, TO_WORKER } from "./protocol.js";

let runJson = null;
const SITE_PACKAGES = "next(p for p in __import__('sys').path if p.endswith('site-packages'))";

self.addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === TO_WORKER.init) {
    init(message);
  } else if (message.type === TO_WORKER.run) {
    run(message);
  }
});

// Pyodide can lose a failed download in a promise nobody awaits; without this the
// page would wait forever instead of telling the reader the runtime did not load.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  if (!runJson) self.postMessage({ type: FROM_WORKER.failed, message: describe(event.reason) });
});

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.arrayBuffer();
}

async function init({ indexURL, wheelURL }) {
  const timings = {};
  const started = performance.now();
  const lap = (name) => {
    timings[name] = Math.round(performance.now() - started);
  };
  try {
    self.postMessage({ type: FROM_WORKER.progress, stage: "runtime" });
    const wheel = fetchBytes(wheelURL);
    wheel.catch(() => {}); // awaited below; a failure there is reported once
    const { loadPyodide } = await import(`${indexURL}pyodide.mjs`);
    const pyodide = await loadPyodide({ indexURL, stdout: () => {}, stderr: () => {} });
    lap("runtime");
    self.postMessage({ type: FROM_WORKER.progress, stage: "calculators" });
    // The wheel built with the site, byte for byte, unpacked into site-packages.
    const sitePackages = pyodide.runPython(SITE_PACKAGES);
    pyodide.unpackArchive(await wheel, "wheel", { extractDir: sitePackages });
    lap("wheel");
    runJson = pyodide.pyimport("calculators.api.run_json");
    lap("import");
    self.postMessage({ type: FROM_WORKER.ready, timings });
  } catch (error) {
    self.postMessage({ type: FROM_WORKER.failed, message: describe(error) });
  }
}

function run({ id, calc, inputs }) {
  const started = performance.now();
  try {
    const json = runJson(calc, JSON.stringify(inputs));
    self.postMessage({ type: FROM_WORKER.result, id, json, ms: performance.now() - started });
  } catch (error) {
    const failure = { ok: false, error: { field: null, message: describe(error) } };
    self.postMessage({ type: FROM_WORKER.result, id, json: JSON.stringify(failure), ms: 0 });
  }
}

// The first line of an error is a sentence; Python tracebacks stay out of the page.
function describe(error) {
  const text = String(error && error.message ? error.message : error);
  const first = text.split("\n").find((line) => line.trim() !== "") || "unknown error";
  return first.startsWith("Traceback") ? "the Python runtime reported an internal error" : first;
}
