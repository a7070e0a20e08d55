// termsite calculators: mounts the widgets on a page and runs them in one shared worker.
//
// Plain ES modules, no framework, no build step:
//   calculators.js  this entry: mounting on every page, the shared Runtime
//   widget.js       one widget: state, status line, buttons, compute
//   runtime.js      the Python runtime (Runtime: worker life, start-up, idle preload)
//   protocol.js     the messages between the page and worker.js, declared once
//   form.js         form values, example data, uploads, field errors
//   picker.js       asset and quote pickers and the period's dates, from the CSV read
//   pairs.js        a matrix cell opens that pair's rolling correlation
//   results.js      drawing a result; CSV download
//   share.js        inputs in the address bar's fragment
//   reproduce.js    "Reproduce in a terminal": the command for the current inputs
// With Material's instant navigation this module is evaluated once, mounts on
// every `document$` emission, and keeps the worker across pages.

import { Runtime } from "./runtime.js";
import { runtimeConfig, Widget } from "./widget.js";
// Named here too, so the browser requests every module as soon as it reads this one,
// instead of discovering them one level at a time.
import "./form.js";
import "./pairs.js";
import "./picker.js";
import "./protocol.js";
import "./reproduce.js";
import "./results.js";
import "./share.js";
import "./site.js";

export { csvField, neutralise, tableToCsv } from "./results.js";

const STYLESHEET_URL = new URL("calculators.css", import.meta.url);

const widgets = new Set();
const runtime = new Runtime({
  follow(state, message) {
    for (const widget of widgets) widget.follow(state, message);
  },
  failed(sentence) {
    for (const widget of widgets) widget.failedToLoad(sentence);
  },
});

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
    const widget = new Widget(root, runtime);
    widgets.add(widget);
    if (!restored) restored = widget.restoreShared();
    runtime.preloadWhenVisible(root, runtimeConfig);
  }
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => mountAll());
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mountAll, { once: true });
} else {
  mountAll();
}
