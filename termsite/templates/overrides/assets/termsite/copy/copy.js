// "Copy as Markdown": copies the page's Markdown copy, which the build wrote into the page
// as an inert <template>, so it works from a folder with no server and under the strict CSP.
// The button stays hidden without JavaScript; its data-state is idle | copied | failed.
// Any `button[data-copy=ID]` copies element ID's text the same way ("Reproduce in a
// terminal" under a calculator copies its command), saying `data-copied` when done.
(function () {
  "use strict";
  if (window.__termsiteCopy) return;
  window.__termsiteCopy = true;

  function reveal() {
    document.querySelectorAll("button[data-copy][hidden]").forEach(function (button) {
      button.hidden = false;
    });
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "termsite-visually-hidden";
    document.body.appendChild(area);
    area.select();
    var done = document.execCommand("copy");
    area.remove();
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  function settle(button, state, message) {
    button.setAttribute("data-state", state);
    var status = button.parentElement.querySelector(".termsite-copy__status");
    if (status) status.textContent = message;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-copy]") : null;
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) return;
    var done = button.getAttribute("data-copied") || "Copied the page as Markdown.";
    copy(source.content ? source.content.textContent : source.textContent).then(
      function () { settle(button, "copied", done); },
      function () { settle(button, "failed", "Copying failed: the browser refused it."); }
    );
  });

  // Material's instant navigation swaps the content in: reveal that page's button too.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(reveal);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reveal);
  } else {
    reveal();
  }
})();
