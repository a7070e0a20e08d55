// termsite calculators: the Python runtime, one module Web Worker shared by every widget.
//
// The runtime loads when a reader first interacts with a widget (focus, paste,
// click) or follows a shared link, or earlier, once a widget is on screen and the
// page is idle on a fast unmetered connection (`preloadWelcome`), so it is
// usually warm by the time the reader presses Compute. With Material's instant navigation this
// module is evaluated once, so the one `Runtime` keeps its worker across pages.

import { FAILURE, FROM_WORKER, TO_WORKER } from "./protocol.js";

const WORKER_URL = new URL("worker.js", import.meta.url);
const IDLE_TIMEOUT_MS = 2000;
// A start-up step that reports nothing for this long has stalled (a slow phone on
// a poor connection still downloads the ≈ 13 MB runtime well within it).
const STAGE_TIMEOUT_MS = 180_000;
const KEPT_RESULT = "so the result shown is still the one computed from the example data when this page was built";
const WASM_REFUSED =
  "The calculators cannot run here because this site's Content-Security-Policy refuses " +
  "WebAssembly (the site owner must add 'wasm-unsafe-eval' to its script-src directive), " +
  `${KEPT_RESULT}.`;

export const RUNTIME_STATUS = Object.freeze({
  runtime: "Loading the Python runtime (≈ 13 MB)…",
  calculators: "Loading calculators…",
  stopped: "Stopped. The next computation starts a fresh Python runtime.",
  ready: "The Python runtime is ready: Compute runs in your browser.",
});

// The runtime could not start; `reason` is the short cause, `cause` one of FAILURE.
export class RuntimeLoadError extends Error {
  constructor(reason, cause = FAILURE.other) {
    super(reason);
    this.name = "RuntimeLoadError";
    this.reason = reason;
    this.failure = cause;
  }

  // The one sentence the reader sees: what is wrong, and that the build's result stays.
  get sentence() {
    if (this.failure === FAILURE.wasmRefused) return WASM_REFUSED;
    return `The Python runtime could not load (${this.reason}), ${KEPT_RESULT}.`;
  }
}

// The reader pressed Stop: the worker was ended with whatever it was doing.
export class RuntimeStoppedError extends Error {
  constructor() {
    super("stopped");
    this.name = "RuntimeStoppedError";
  }
}

// One worker's life, from creation to ready, failure or stop.
class Session {
  constructor() {
    this.worker = null;
    this.pending = new Map();
    this.stage = "runtime";
    this.timer = null;
    this.ready = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.ready.catch(() => {});
  }

  // (Re)starts the stall timer of the current start-up step; `onStall` ends the session.
  watch(onStall) {
    clearTimeout(this.timer);
    if (this.stage !== "ready") this.timer = setTimeout(onStall, STAGE_TIMEOUT_MS);
  }

  // Ends the worker and rejects everything still waiting for it with `error`.
  end(error) {
    clearTimeout(this.timer);
    this.reject(error);
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
    if (this.worker) this.worker.terminate();
  }
}

// The shared runtime: starts, stops and feeds the worker, and tells the widgets.
//
// `listener.follow(state, message)` hears every state change ("idle", "loading",
// "ready"); `listener.failed(sentence)` hears a failed start-up.
export class Runtime {
  constructor(listener) {
    this.listener = listener;
    this.session = null;
    this.nextRunId = 1;
    // The idle preload happens at most once per document lifetime of this module:
    // not again after the reader pressed Stop or after a failed load.
    this.preloadAllowed = true;
    this.preloadObserver = null;
  }

  // "idle" (no worker), "loading" or "ready".
  get state() {
    if (!this.session) return "idle";
    return this.session.stage === "ready" ? "ready" : "loading";
  }

  // Starts the worker unless one is running; resolves once it is ready.
  start(config) {
    if (this.session) return this.session.ready;
    const session = new Session();
    this.session = session;
    this.listener.follow("loading", RUNTIME_STATUS.runtime);
    performance.mark("termsite:runtime-start");
    try {
      session.worker = new Worker(WORKER_URL, { type: "module" });
    } catch (error) {
      this.loadFailed(session, "this browser cannot start a module worker");
      return session.ready;
    }
    session.worker.addEventListener("message", (event) => this.onMessage(session, event.data));
    session.worker.addEventListener("error", (event) => {
      event.preventDefault();
      this.loadFailed(session, "the calculator script could not start");
    });
    session.worker.postMessage({ type: TO_WORKER.init, ...config });
    this.watch(session);
    return session.ready;
  }

  // A step that says nothing for STAGE_TIMEOUT_MS fails the start-up, with its name.
  watch(session) {
    session.watch(() => {
      const step = RUNTIME_STATUS[session.stage] || session.stage;
      this.loadFailed(session, `start-up stalled at “${step}”`);
    });
  }

  onMessage(session, message) {
    if (this.session !== session) return;
    if (message.type === FROM_WORKER.progress) {
      session.stage = message.stage;
      this.watch(session);
      this.listener.follow("loading", RUNTIME_STATUS[message.stage]);
    } else if (message.type === FROM_WORKER.ready) {
      session.stage = "ready";
      session.watch(null); // stops the stall timer
      // Start-up stages in ms since the worker's init, for the benchmark script.
      performance.mark("termsite:runtime-ready", { detail: message.timings || {} });
      session.resolve();
      this.listener.follow("ready", RUNTIME_STATUS.ready);
    } else if (message.type === FROM_WORKER.failed) {
      this.loadFailed(session, message.message, message.cause);
    } else if (message.type === FROM_WORKER.result) {
      const waiter = session.pending.get(message.id);
      session.pending.delete(message.id);
      if (waiter) waiter.resolve(message);
    }
  }

  loadFailed(session, reason, cause = FAILURE.other) {
    if (this.session !== session) return;
    this.preloadAllowed = false;
    session.stage = "failed";
    const error = new RuntimeLoadError(reason, cause);
    session.end(error);
    this.session = null;
    this.listener.failed(error.sentence);
  }

  // Ends the worker now, whatever it is doing; the next start boots a fresh one.
  stop() {
    const session = this.session;
    this.preloadAllowed = false;
    if (!session) return;
    this.session = null;
    session.end(new RuntimeStoppedError());
    this.listener.follow("idle", null);
  }

  // Runs one calculator in the (ready) worker; resolves with its `result` message.
  run(calc, inputs) {
    const session = this.session;
    const id = this.nextRunId++;
    return new Promise((resolve, reject) => {
      session.pending.set(id, { resolve, reject });
      session.worker.postMessage({ type: TO_WORKER.run, id, calc, inputs });
    });
  }

  // Once a widget is on screen, start the runtime when the main thread is idle.
  preloadWhenVisible(root, configOf) {
    if (!this.preloadAllowed || this.session || !preloadWelcome()) return;
    if (typeof IntersectionObserver !== "function") return;
    if (!this.preloadObserver) {
      this.preloadObserver = new IntersectionObserver((entries) => {
        const visible = entries.find((entry) => entry.isIntersecting && entry.target.isConnected);
        if (!visible) return;
        this.preloadObserver.disconnect();
        this.preloadObserver = null;
        whenIdle(() => {
          if (this.preloadAllowed && !this.session && visible.target.isConnected) {
            this.start(configOf(visible.target));
          }
        });
      });
    }
    this.preloadObserver.observe(root);
  }
}

// The ≈ 13 MB runtime loads before the reader asks only on a fast connection that
// is not metered: Save-Data, a cellular link, anything slower than 4G, or a browser
// that does not say (no `navigator.connection`) waits for the first interaction.
export function preloadWelcome(connection = navigator.connection) {
  if (!connection || connection.saveData) return false;
  if (connection.type === "cellular") return false;
  return connection.effectiveType === "4g";
}

function whenIdle(callback) {
  if (typeof requestIdleCallback === "function") {
    requestIdleCallback(callback, { timeout: IDLE_TIMEOUT_MS });
  } else {
    setTimeout(callback, 200);
  }
}
