// termsite calculators: the module Web Worker that runs Python off the main thread.
//
// One worker serves every widget on a page. It loads Pyodide from the URL the
// page gives it (self-hosted by default), installs the calculators wheel built
// with the site, and answers run requests with the library's own JSON text, so
// the page never parses a Python object and never sees a traceback.

let calculators = null;

self.addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === "init") {
    init(message);
  } else if (message.type === "run") {
    run(message);
  }
});

// Pyodide can lose a failed download in a promise nobody awaits; without this the
// page would wait forever instead of telling the reader the runtime did not load.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  if (!calculators) self.postMessage({ type: "failed", message: describe(event.reason) });
});

async function init({ indexURL, wheelURL }) {
  try {
    self.postMessage({ type: "progress", stage: "runtime" });
    const { loadPyodide } = await import(`${indexURL}pyodide.mjs`);
    const pyodide = await loadPyodide({ indexURL, stdout: () => {}, stderr: () => {} });
    self.postMessage({ type: "progress", stage: "calculators" });
    const problems = [];
    await pyodide.loadPackage(wheelURL, {
      messageCallback: () => {},
      errorCallback: (text) => problems.push(text),
    });
    calculators = pyodide.pyimport("calculators");
    if (problems.length > 0 && !calculators) throw new Error(problems.join(" "));
    self.postMessage({ type: "ready" });
  } catch (error) {
    self.postMessage({ type: "failed", message: describe(error) });
  }
}

function run({ id, calc, inputs }) {
  const started = performance.now();
  try {
    const json = calculators.run_json(calc, JSON.stringify(inputs));
    self.postMessage({ type: "result", id, json, ms: performance.now() - started });
  } catch (error) {
    const failure = { ok: false, error: { field: null, message: describe(error) } };
    self.postMessage({ type: "result", id, json: JSON.stringify(failure), ms: 0 });
  }
}

// The first line of an error is a sentence; Python tracebacks stay out of the page.
function describe(error) {
  const text = String(error && error.message ? error.message : error);
  const first = text.split("\n").find((line) => line.trim() !== "") || "unknown error";
  return first.startsWith("Traceback") ? "the Python runtime reported an internal error" : first;
}
