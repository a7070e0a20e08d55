// termsite calculators: one widget on the page: its state, status line and buttons.
//
// The markup comes from the build (termsite/widgets/templates/widget.html); this
// class wires it to the shared `Runtime` and the form, results and share modules.

import {
  clearFieldErrors,
  exampleInputs,
  fillEmptyCsv,
  fillExample,
  formInputs,
  loadedExampleText,
  readChosenFile,
  showFieldError,
} from "./form.js";
import { PairChart } from "./pairs.js";
import { refreshPickers, showPeriodDates } from "./picker.js";
import { Reproduce } from "./reproduce.js";
import { download, downloadTable, renderResult, showDownloadButtons } from "./results.js";
import { RUNTIME_STATUS, RuntimeLoadError, RuntimeStoppedError } from "./runtime.js";
import { restoreSharedInputs, shareInputs } from "./share.js";
import { SITE_ROOT } from "./site.js";

const RUNNING = "Computing…";

// Where the worker loads Pyodide, the snapshot and the calculators wheel from.
export function runtimeConfig(root) {
  const snapshot = root.dataset.snapshotUrl;
  return {
    indexURL: new URL(root.dataset.indexUrl, SITE_ROOT).href,
    wheelURL: new URL(root.dataset.wheelUrl, SITE_ROOT).href,
    snapshotURL: snapshot ? new URL(snapshot, SITE_ROOT).href : "",
    snapshotBuild: root.dataset.snapshotBuild || "",
  };
}

export class Widget {
  constructor(root, runtime) {
    this.root = root;
    this.runtime = runtime;
    this.id = root.dataset.calculator;
    this.form = root.querySelector("form");
    this.status = root.querySelector("[data-status]");
    this.stopButton = root.querySelector('[data-action="stop"]');
    this.busy = false;
    this.runtimeFailed = false;
    this.example = JSON.parse(root.dataset.example || "{}");
    this.bind();
    for (const element of root.querySelectorAll("[hidden][data-js-only], [data-action]")) {
      if (element !== this.stopButton) element.hidden = false;
    }
    showDownloadButtons(root);
    this.reproduce = new Reproduce(root, this.example, loadedExampleText);
    this.showCommand();
    this.lastInputs = null;
    this.pairs = new PairChart(
      root,
      this.id,
      (calc, inputs) => this.runAside(calc, inputs),
      () => this.matrixInputs(),
    );
    refreshPickers(this.form);
    showPeriodDates(this.form);
    this.setState(runtime.state);
  }

  bind() {
    const wake = () => this.startRuntime();
    for (const type of ["focusin", "paste", "pointerdown", "click"]) {
      this.root.addEventListener(type, wake, { passive: true });
    }
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.compute();
    });
    this.root.addEventListener("click", (event) => this.onClick(event));
    this.root.addEventListener("change", (event) => this.onChange(event));
    this.form.addEventListener("input", (event) => {
      if (event.target.matches('textarea[data-kind="csv"]')) refreshPickers(this.form);
      this.showCommand();
    });
  }

  // "Reproduce in a terminal" follows the form as the reader edits it.
  showCommand() {
    this.reproduce.update(formInputs(this.form));
  }

  // Another calculator's run for this widget (the pair chart), outside its own state.
  async runAside(calc, inputs) {
    await this.startRuntime();
    const reply = await this.runtime.run(calc, inputs);
    return JSON.parse(reply.json);
  }

  // The inputs the shown result came from (the example's, before the reader computes).
  async matrixInputs() {
    return this.lastInputs || exampleInputs(this.form, this.example);
  }

  startRuntime() {
    return this.runtime.start(runtimeConfig(this.root));
  }

  onClick(event) {
    const button = event.target.closest("[data-action]");
    if (!button || button.tagName !== "BUTTON") return;
    const action = button.dataset.action;
    if (action === "stop") this.runtime.stop();
    else if (action === "example") {
      fillExample(this.form, this.example, (text) => this.say(text))
        .then(() => this.showCommand())
        .catch((error) => this.say(error.message));
    } else if (action === "download") downloadTable(this.id, button.closest("[data-output]"));
    else if (action === "save-csv") this.reproduce.save(download);
  }

  onChange(event) {
    const input = event.target;
    if (input.name === "period") showPeriodDates(this.form);
    this.showCommand();
    if (!input.matches("input[type=file][data-file-for]") || !input.files.length) return;
    readChosenFile(
      this.form,
      input,
      (text) => this.say(text),
      (name, fileName, text) => this.reproduce.noteFile(name, fileName, text),
    );
  }

  setState(state) {
    this.root.dataset.state = state;
    this.stopButton.hidden = !(state === "running" || (state === "loading" && this.busy));
  }

  say(text) {
    this.status.textContent = text;
  }

  // A progress note never hides the runtime's failure, until a runtime is ready again.
  progress(text) {
    if (!this.runtimeFailed) this.say(text);
  }

  // Widgets that are not busy with their own run or error follow the runtime's state.
  // A runtime that failed is not the widget's own error: a new start-up replaces it.
  follow(state, message) {
    if (state === "ready") this.runtimeFailed = false;
    if (this.busy) {
      if (state === "loading" && message) this.say(message);
      return;
    }
    if (this.root.dataset.state === "error" && !this.runtimeFailed) return;
    this.setState(state);
    if (message) this.say(message);
  }

  fail(sentence) {
    this.busy = false;
    this.setState("error");
    this.say(sentence);
  }

  // The shared runtime could not start: every widget says why.
  failedToLoad(sentence) {
    this.runtimeFailed = true;
    this.fail(sentence);
  }

  async compute() {
    if (this.busy) return;
    this.busy = true;
    clearFieldErrors(this.root, this.form);
    try {
      // Started before the example data load, so a failure meanwhile is this run's too.
      const ready = this.startRuntime();
      // At once, so an earlier failure's "error" never stands beside this run's status.
      if (this.busy) this.setState(this.runtime.state === "ready" ? "running" : "loading");
      await fillEmptyCsv(this.form, this.example, (text) => this.progress(text));
      // The runtime failed to start while the example data were fetched: that was
      // said, and this computation ends with it rather than booting a second runtime.
      if (!this.busy) return;
      const inputs = formInputs(this.form);
      await ready;
      this.setState("running");
      this.say(RUNNING);
      const started = performance.now();
      const reply = await this.runtime.run(this.id, inputs);
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
      showFieldError(this.root, this.form, reply.error);
      this.fail(reply.error.message);
      return;
    }
    renderResult(this.root, reply.result);
    this.lastInputs = inputs;
    this.pairs.reset(reply.result.rows);
    this.setState("ready");
    this.say(`Done in ${Math.round(ms)} ms.`);
    this.showCommand();
    shareInputs(this.id, inputs);
  }

  interrupted(error) {
    this.busy = false;
    if (error instanceof RuntimeStoppedError) {
      this.setState("idle");
      this.say(RUNTIME_STATUS.stopped);
    } else if (error instanceof RuntimeLoadError) {
      this.fail(error.sentence);
    } else {
      this.fail(error && error.message ? error.message : "The computation failed.");
    }
  }

  // A shared link for this calculator fills the form and computes at once.
  restoreShared() {
    if (!restoreSharedInputs(this.id, this.form)) return false;
    refreshPickers(this.form);
    showPeriodDates(this.form);
    this.showCommand();
    this.compute();
    return true;
  }
}
