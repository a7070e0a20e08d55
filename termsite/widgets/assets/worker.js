// termsite calculators: the module Web Worker that runs Python off the main thread.
//
// One worker serves every widget on a page. It loads Pyodide from the URL the
// page gives it (self-hosted by default) and answers run requests with the
// library's own JSON text, so the page never parses a Python object and never
// sees a traceback.
//
// Two ways to start, both ending with the calculators imported before "ready":
// - from the memory snapshot the build made (Python already booted, calculators
//   already imported): restore it, check it belongs to this build, reseed
//   `random`, and unpack the wheel so anything imported lazily has its files;
// - the plain way, when there is no snapshot or it fails to restore or belongs to
//   another build: boot Pyodide, unpack the wheel, import the calculators.
// The reader sees the same status either way.
//
// Start-up overlaps what it can: pyodide.asm.wasm is fetched and compiled as soon
// as the worker starts, while the snapshot (or the standard library) downloads,
// and Pyodide is handed the compiled module; the wheel downloads meanwhile.

import { FAILURE, FROM_WORKER, TO_WORKER } from "./protocol.js";

let runJson = null;
let wasmRefused = false;
let restoring = false;
const SITE_PACKAGES = "next(p for p in __import__('sys').path if p.endswith('site-packages'))";
const QUIET = { stdout: () => {}, stderr: () => {} };

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
  if (!runJson && !restoring) failed(event.reason);
});

// A Content-Security-Policy without 'wasm-unsafe-eval' refuses to compile the runtime.
self.addEventListener("securitypolicyviolation", (event) => {
  if (event.blockedURI === "wasm-eval") wasmRefused = true;
});

function failed(error) {
  const cause = isWasmRefusal(error) ? FAILURE.wasmRefused : FAILURE.other;
  self.postMessage({ type: FROM_WORKER.failed, message: describe(error), cause });
}

function isWasmRefusal(error) {
  const text = String(error && error.message ? error.message : error);
  return wasmRefused || /Content Security Policy|wasm-unsafe-eval|'unsafe-eval'/i.test(text);
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.arrayBuffer();
}

// Fetch and compile pyodide.asm.wasm now, and give Pyodide that module when it asks.
//
// Pyodide fetches the wasm itself and compiles it only after the snapshot has
// arrived; these two wrappers (in this worker's own scope) hand its request the
// response already being compiled, so compiling overlaps the snapshot's download
// and a fallback boot reuses the module instead of downloading it again.
function precompileRuntime(indexURL) {
  const url = new URL("pyodide.asm.wasm", indexURL).href;
  const response = fetch(url);
  const compiled = WebAssembly.compileStreaming(response);
  const fetchOriginal = self.fetch.bind(self);
  const instantiateOriginal = WebAssembly.instantiateStreaming.bind(WebAssembly);
  self.fetch = (input, options) => (String(input) === url ? response : fetchOriginal(input, options));
  WebAssembly.instantiateStreaming = async (source, imports) => {
    if (source !== response) return instantiateOriginal(source, imports);
    const module = await compiled;
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
  return compiled;
}

async function init({ indexURL, wheelURL, snapshotURL, snapshotBuild }) {
  const timings = {};
  const started = performance.now();
  const lap = (name) => {
    timings[name] = Math.round(performance.now() - started);
  };
  try {
    self.postMessage({ type: FROM_WORKER.progress, stage: "runtime" });
    const compiled = precompileRuntime(indexURL);
    // Without its wasm nothing can start: say so at once (Pyodide would only log it).
    compiled.catch((error) => {
      if (!runJson) failed(error);
    });
    const snapshot = snapshotURL ? fetchBytes(snapshotURL) : null;
    if (snapshot) snapshot.catch(() => {}); // a missing snapshot means the plain boot
    const wheel = fetchBytes(wheelURL);
    wheel.catch(() => {}); // awaited below; a failure there is reported once
    const { loadPyodide } = await import(`${indexURL}pyodide.mjs`);
    const restored = snapshot ? await restore(loadPyodide, indexURL, snapshot, snapshotBuild) : null;
    timings.boot = restored && restored.pyodide ? "snapshot" : "plain";
    if (restored && restored.reason) timings.fallback = restored.reason;
    const pyodide = (restored && restored.pyodide) || (await loadPyodide({ indexURL, ...QUIET }));
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
    failed(error);
  }
}

// The interpreter from the build's snapshot, or the reason it cannot be used.
async function restore(loadPyodide, indexURL, snapshot, build) {
  let pyodide;
  restoring = true; // a failure here means the plain boot, not a failed start-up
  try {
    pyodide = await loadPyodide({ indexURL, _loadSnapshot: snapshot, ...QUIET });
  } catch (error) {
    return { pyodide: null, reason: describe(error) };
  } finally {
    restoring = false;
  }
  const made = pyodide.globals.get("_termsite_build");
  if (made !== build) {
    return { pyodide: null, reason: `the snapshot is from build ${made}, not ${build}` };
  }
  // Every visitor restores the same memory: give `random` this visitor's own seed.
  pyodide.runPython("import random; random.seed()");
  return { pyodide, reason: null };
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
