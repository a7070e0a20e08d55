// termsite calculators: mounts the widgets on a page and runs them in one shared worker.
//
// Plain ES module, no framework. The Python runtime loads when a reader first
// interacts with a widget (focus, paste, click) or follows a shared link, or
// earlier, once a widget is on screen and the page is idle (unless the browser
// asks to save data), so it is usually warm by the time the reader presses
// Compute. It runs inside a module Web Worker kept in module scope: with Material's instant
// navigation this module is evaluated once, mounts on every `document$`
// emission, and keeps the worker across pages. Reader data is only ever written
// with textContent; SVG comes from our own Python and is parsed as SVG.

const SITE_ROOT = new URL("../../", import.meta.url);
const WORKER_URL = new URL("worker.js", import.meta.url);
const STYLESHEET_URL = new URL("calculators.css", import.meta.url);
const SHARE_LIMIT = 2000;
const STATUS = {
  runtime: "Loading the Python runtime (≈ 6 MB)…",
  calculators: "Loading calculators…",
  running: "Computing…",
  example: "Loading the example data…",
  stopped: "Stopped. The next computation starts a fresh Python runtime.",
  ready: "The Python runtime is ready: Compute runs in your browser.",
};
const IDLE_TIMEOUT_MS = 2000;

const widgets = new Set();
const exampleTexts = new Map();
let runtime = null;
let nextRunId = 1;
// The idle preload happens at most once per document lifetime of this module:
// not again after the reader pressed Stop or after a failed load.
let preloadAllowed = true;
let preloadObserver = null;

// ---------------------------------------------------------------- runtime

function startRuntime(root) {
  if (runtime) return runtime.ready;
  const config = {
    indexURL: new URL(root.dataset.indexUrl, SITE_ROOT).href,
    wheelURL: new URL(root.dataset.wheelUrl, SITE_ROOT).href,
  };
  const current = { worker: null, pending: new Map(), stage: "runtime", ready: null };
  runtime = current;
  current.ready = new Promise((resolve, reject) => {
    current.resolve = resolve;
    current.reject = reject;
  });
  current.ready.catch(() => {});
  broadcast("loading", STATUS.runtime);
  performance.mark("termsite:runtime-start");
  try {
    current.worker = new Worker(WORKER_URL, { type: "module" });
  } catch (error) {
    loadFailed(current, "this browser cannot start a module worker");
    return current.ready;
  }
  current.worker.addEventListener("message", (event) => onWorkerMessage(current, event.data));
  current.worker.addEventListener("error", (event) => {
    event.preventDefault();
    loadFailed(current, "the calculator script could not start");
  });
  current.worker.postMessage({ type: "init", ...config });
  return current.ready;
}

function onWorkerMessage(current, message) {
  if (runtime !== current) return;
  if (message.type === "progress") {
    current.stage = message.stage;
    broadcast("loading", STATUS[message.stage]);
  } else if (message.type === "ready") {
    current.stage = "ready";
    // Start-up stages in ms since the worker's init, for the benchmark script.
    performance.mark("termsite:runtime-ready", { detail: message.timings || {} });
    current.resolve();
    broadcast("ready", STATUS.ready);
  } else if (message.type === "failed") {
    loadFailed(current, message.message);
  } else if (message.type === "result") {
    const waiter = current.pending.get(message.id);
    current.pending.delete(message.id);
    if (waiter) waiter.resolve(message);
  }
}

function loadFailed(current, reason) {
  if (runtime !== current) return;
  preloadAllowed = false;
  current.stage = "failed";
  const error = new Error(reason);
  error.loadFailure = true;
  current.reject(error);
  for (const waiter of current.pending.values()) waiter.reject(error);
  current.pending.clear();
  if (current.worker) current.worker.terminate();
  runtime = null;
  const sentence =
    `The Python runtime could not load (${reason}), so the result shown is still ` +
    "the one computed from the example data when this page was built.";
  for (const widget of widgets) widget.fail(sentence);
}

function stopRuntime() {
  const current = runtime;
  preloadAllowed = false;
  if (!current) return;
  runtime = null;
  if (current.worker) current.worker.terminate();
  const stopped = new Error("stopped");
  stopped.stopped = true;
  current.reject(stopped);
  for (const waiter of current.pending.values()) waiter.reject(stopped);
  current.pending.clear();
  broadcast("idle", null);
}

function requestRun(calc, inputs) {
  const current = runtime;
  const id = nextRunId++;
  return new Promise((resolve, reject) => {
    current.pending.set(id, { resolve, reject });
    current.worker.postMessage({ type: "run", id, calc, inputs });
  });
}

// ---------------------------------------------------------------- idle preload

// Save-Data or a very slow connection: wait for the reader to ask.
function preloadWelcome() {
  const connection = navigator.connection;
  if (!connection) return true;
  return !connection.saveData && !/(^|-)2g$/.test(connection.effectiveType || "");
}

// Once a widget is on screen, start the runtime when the main thread is idle.
function preloadWhenVisible(root) {
  if (!preloadAllowed || runtime || !preloadWelcome()) return;
  if (typeof IntersectionObserver !== "function") return;
  if (!preloadObserver) {
    preloadObserver = new IntersectionObserver((entries) => {
      const visible = entries.find((entry) => entry.isIntersecting && entry.target.isConnected);
      if (!visible) return;
      preloadObserver.disconnect();
      preloadObserver = null;
      whenIdle(() => {
        if (preloadAllowed && !runtime && visible.target.isConnected) startRuntime(visible.target);
      });
    });
  }
  preloadObserver.observe(root);
}

function whenIdle(callback) {
  if (typeof requestIdleCallback === "function") {
    requestIdleCallback(callback, { timeout: IDLE_TIMEOUT_MS });
  } else {
    setTimeout(callback, 200);
  }
}

// Widgets that are not busy with their own run or error follow the runtime's state.
function broadcast(state, message) {
  for (const widget of widgets) widget.follow(state, message);
}

// ---------------------------------------------------------------- CSV download

// A text cell starting with = + - @ (or a tab or carriage return) could run as a
// spreadsheet formula, so it gets a leading apostrophe. Numbers we computed
// ourselves are written as numbers: "-0.25" is a value, not a formula.
export function neutralise(text, isNumber = false) {
  if (isNumber) return text;
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvField(text) {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function tableToCsv(table) {
  const lines = [];
  for (const row of table.rows) {
    const fields = Array.from(row.cells, (cell) => {
      const hasValue = cell.tagName === "TD" && cell.dataset.value !== "";
      const text = hasValue ? cell.dataset.value : cell.textContent.trim();
      const isNumber = hasValue && cell.dataset.value.trim() !== "" && isFinite(Number(text));
      return csvField(neutralise(text, isNumber));
    });
    lines.push(fields.join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

function download(filename, text) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

// ---------------------------------------------------------------- rendering

function dataValue(value) {
  if (value === null || value === undefined) return "";
  return typeof value === "number" || typeof value === "boolean" ? String(value) : value;
}

function headerCell(row, text, scope) {
  const cell = document.createElement("th");
  cell.scope = scope;
  cell.textContent = text;
  row.append(cell);
}

function buildTable(data, label) {
  const table = document.createElement("table");
  table.createCaption().textContent = data.caption || label;
  const head = table.createTHead().insertRow();
  headerCell(head, data.row_header || "", "col");
  for (const column of data.columns) headerCell(head, column, "col");
  const body = table.createTBody();
  for (const row of data.rows) {
    const line = body.insertRow();
    headerCell(line, row.label, "row");
    for (const cell of row.cells) {
      const td = document.createElement("td");
      td.dataset.value = dataValue(cell.value);
      td.textContent = cell.text;
      line.append(td);
    }
  }
  return table;
}

function buildChart(svgText) {
  const parsed = new DOMParser().parseFromString(svgText, "image/svg+xml");
  const svg = parsed.documentElement;
  if (parsed.querySelector("parsererror") || svg.localName !== "svg") return null;
  for (const script of svg.querySelectorAll("script, foreignObject")) script.remove();
  return document.importNode(svg, true);
}

// ---------------------------------------------------------------- widget

class Widget {
  constructor(root) {
    this.root = root;
    this.id = root.dataset.calculator;
    this.form = root.querySelector("form");
    this.status = root.querySelector("[data-status]");
    this.stopButton = root.querySelector('[data-action="stop"]');
    this.busy = false;
    this.example = JSON.parse(root.dataset.example || "{}");
    this.bind();
    for (const element of root.querySelectorAll("[hidden][data-js-only], [data-action]")) {
      if (element !== this.stopButton) element.hidden = false;
    }
    for (const output of root.querySelectorAll("[data-output]")) {
      const button = output.querySelector('[data-action="download"]');
      if (button) button.hidden = !output.querySelector("table");
    }
    this.setState(runtime ? (runtime.stage === "ready" ? "ready" : "loading") : "idle");
  }

  bind() {
    const wake = () => startRuntime(this.root);
    for (const type of ["focusin", "paste", "pointerdown", "click"]) {
      this.root.addEventListener(type, wake, { passive: true });
    }
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.compute();
    });
    this.root.addEventListener("click", (event) => this.onClick(event));
    this.root.addEventListener("change", (event) => this.onChange(event));
  }

  onClick(event) {
    const button = event.target.closest("[data-action]");
    if (!button || button.tagName !== "BUTTON") return;
    const action = button.dataset.action;
    if (action === "stop") this.stop();
    else if (action === "example") this.fillExample().catch((error) => this.say(error.message));
    else if (action === "download") this.download(button.closest("[data-output]"));
  }

  onChange(event) {
    const input = event.target;
    if (!input.matches("input[type=file][data-file-for]") || !input.files.length) return;
    const file = input.files[0];
    const reader = new FileReader();
    reader.addEventListener("load", () => {
      this.control(input.dataset.fileFor).value = String(reader.result);
      this.say(`Read the file ${file.name}. Press Compute to use it.`);
    });
    reader.addEventListener("error", () => this.say(`The file ${file.name} could not be read.`));
    reader.readAsText(file);
  }

  setState(state) {
    this.root.dataset.state = state;
    this.stopButton.hidden = !(state === "running" || (state === "loading" && this.busy));
  }

  say(text) {
    this.status.textContent = text;
  }

  follow(state, message) {
    if (this.busy) {
      if (state === "loading" && message) this.say(message);
      return;
    }
    if (this.root.dataset.state === "error") return;
    this.setState(state);
    if (message) this.say(message);
  }

  fail(sentence) {
    this.busy = false;
    this.setState("error");
    this.say(sentence);
  }

  control(name) {
    return this.form.elements.namedItem(name);
  }

  inputs() {
    const values = {};
    for (const element of this.form.elements) {
      if (!element.name || element.type === "file") continue;
      values[element.name] = element.type === "checkbox" ? String(element.checked) : element.value;
    }
    return values;
  }

  async exampleText(path) {
    const url = new URL(path, SITE_ROOT).href;
    if (!exampleTexts.has(url)) {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`The example data could not be loaded (${response.status}).`);
      exampleTexts.set(url, await response.text());
    }
    return exampleTexts.get(url);
  }

  async fillExample() {
    for (const [name, value] of Object.entries(this.example)) {
      const element = this.control(name);
      if (!element) continue;
      if (element.dataset && element.dataset.kind === "csv") {
        this.say(STATUS.example);
        element.value = await this.exampleText(value);
      } else if (element.type === "checkbox") {
        element.checked = ["true", "1", "yes", "on"].includes(value.toLowerCase());
      } else {
        element.value = value;
      }
    }
    this.say("The example data are in the form. Press Compute to run it.");
  }

  // Empty CSV boxes take the example data, so "Compute" always shows a result.
  async fillEmptyCsv() {
    for (const element of this.form.querySelectorAll('textarea[data-kind="csv"]')) {
      if (element.value.trim() === "" && this.example[element.name]) {
        this.say(STATUS.example);
        element.value = await this.exampleText(this.example[element.name]);
      }
    }
  }

  clearErrors() {
    for (const slot of this.root.querySelectorAll("[data-error-for]")) {
      slot.hidden = true;
      slot.textContent = "";
      const control = this.control(slot.dataset.errorFor);
      if (!control || !control.setAttribute) continue;
      control.removeAttribute("aria-invalid");
      const ids = (control.getAttribute("aria-describedby") || "").split(" ");
      control.setAttribute("aria-describedby", ids.filter((id) => id && id !== slot.id).join(" "));
    }
  }

  showError(error) {
    const slot = error.field
      ? this.root.querySelector(`[data-error-for="${CSS.escape(error.field)}"]`)
      : null;
    const control = slot ? this.control(error.field) : null;
    if (slot && control && control.setAttribute) {
      slot.textContent = error.message;
      slot.hidden = false;
      control.setAttribute("aria-invalid", "true");
      const ids = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      control.setAttribute("aria-describedby", [...ids, slot.id].join(" "));
    }
    this.fail(error.message);
  }

  async compute() {
    if (this.busy) return;
    this.busy = true;
    this.clearErrors();
    try {
      await this.fillEmptyCsv();
      const inputs = this.inputs();
      this.setState(runtime && runtime.stage === "ready" ? "running" : "loading");
      await startRuntime(this.root);
      this.setState("running");
      this.say(STATUS.running);
      const started = performance.now();
      const reply = await requestRun(this.id, inputs);
      const received = performance.now();
      const parsed = JSON.parse(reply.json);
      const rendered = performance.now();
      this.finish(parsed, inputs, performance.now() - started);
      // Where the time went, for the benchmark script: worker, parsing, rendering.
      performance.mark("termsite:computed", {
        detail: {
          worker: reply.ms,
          roundTrip: received - started,
          parse: rendered - received,
          render: performance.now() - rendered,
        },
      });
    } catch (error) {
      this.interrupted(error);
    }
  }

  finish(reply, inputs, ms) {
    this.busy = false;
    if (!this.root.isConnected) return;
    if (!reply.ok) {
      this.showError(reply.error);
      return;
    }
    this.render(reply.result);
    this.setState("ready");
    this.say(`Done in ${Math.round(ms)} ms.`);
    this.share(inputs);
  }

  interrupted(error) {
    this.busy = false;
    if (error && error.stopped) {
      this.setState("idle");
      this.say(STATUS.stopped);
    } else if (!(error && error.loadFailure)) {
      this.fail(error && error.message ? error.message : "The computation failed.");
    }
  }

  stop() {
    stopRuntime();
  }

  render(result) {
    const tables = new Map((result.tables || []).map((table) => [table.name, table]));
    const charts = new Map((result.charts || []).map((chart) => [chart.name, chart]));
    for (const output of this.root.querySelectorAll("[data-output]")) {
      const name = output.dataset.output;
      const slot = output.querySelector("[data-slot]");
      const label = output.dataset.label || name;
      const node = tables.has(name)
        ? buildTable(tables.get(name), label)
        : charts.has(name)
          ? buildChart(charts.get(name).svg)
          : null;
      slot.replaceChildren(...(node ? [node] : []));
      output.hidden = !node;
      output.dataset.source = "browser";
      const button = output.querySelector('[data-action="download"]');
      if (button) button.hidden = !tables.has(name);
    }
    this.renderWarnings(result.warnings || []);
  }

  renderWarnings(warnings) {
    const list = this.root.querySelector("[data-warnings]");
    list.replaceChildren(
      ...warnings.map((text) => {
        const item = document.createElement("li");
        item.textContent = text;
        return item;
      }),
    );
    list.hidden = warnings.length === 0;
  }

  download(output) {
    const table = output && output.querySelector("table");
    if (table) download(`${this.id}-${output.dataset.output}.csv`, tableToCsv(table));
  }

  // Small inputs go into the address bar's fragment so the page can be shared.
  share(inputs) {
    const params = new URLSearchParams({ calc: this.id, ...inputs });
    const fragment = params.toString();
    if (fragment.length <= SHARE_LIMIT) {
      history.replaceState(history.state, "", `#${fragment}`);
    }
  }

  restoreShared() {
    const params = new URLSearchParams(location.hash.slice(1));
    if (params.get("calc") !== this.id) return false;
    for (const [name, value] of params) {
      const element = name === "calc" ? null : this.control(name);
      if (!element || element.type === "file") continue;
      if (element.type === "checkbox") element.checked = value === "true";
      else element.value = value;
    }
    this.compute();
    return true;
  }
}

// ---------------------------------------------------------------- mounting

function ensureStylesheet() {
  const present = Array.from(document.querySelectorAll('link[rel="stylesheet"]')).some(
    (link) => link.href === STYLESHEET_URL.href,
  );
  if (present) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = STYLESHEET_URL.href;
  document.head.append(link);
}

function mountAll() {
  for (const widget of widgets) if (!widget.root.isConnected) widgets.delete(widget);
  const roots = document.querySelectorAll("[data-calculator]:not([data-mounted])");
  if (roots.length > 0) ensureStylesheet();
  let restored = false;
  for (const root of roots) {
    root.dataset.mounted = "";
    const widget = new Widget(root);
    widgets.add(widget);
    if (!restored) restored = widget.restoreShared();
    preloadWhenVisible(root);
  }
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => mountAll());
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mountAll, { once: true });
} else {
  mountAll();
}
