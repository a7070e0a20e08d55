// Hover cards for links to glossary entries: hover, keyboard focus or tap opens the card
// that the build wrote into the page (no fetch); Escape, leaving or tapping elsewhere
// closes it. Listeners sit on the document, so pages swapped in by Material's instant
// navigation work without setting anything up again. Each card carries data-state
// (open | closed) for people's styles and for tests.
(function () {
  "use strict";
  if (window.__termsiteCards) return;
  window.__termsiteCards = true;

  var GAP = 6;
  var EDGE = 8;
  var LEAVE_MS = 250;
  var open = null; // {link, card}
  var leaveTimer = 0;
  var lastPointer = "mouse";
  var quietFocus = false; // Escape returns focus to the link without reopening its card

  function cardFor(link) {
    var id = link.getAttribute("data-card");
    return id ? document.getElementById(id) : null;
  }

  function linkOf(node) {
    return node && node.closest ? node.closest("a[data-card]") : null;
  }

  function place(link, card) {
    var parent = card.offsetParent || document.body;
    var box = parent.getBoundingClientRect();
    var rects = link.getClientRects();
    var line = rects.length ? rects[0] : link.getBoundingClientRect();
    var width = card.offsetWidth;
    var height = card.offsetHeight;
    var viewport = document.documentElement.clientWidth;
    var left = Math.min(Math.max(line.left, EDGE), viewport - width - EDGE);
    left = Math.max(left, EDGE);
    // Below the link's line when it fits, above otherwise: never over the line being read.
    var below = line.bottom + GAP;
    var top = below + height <= window.innerHeight || line.top - GAP - height < 0
      ? below
      : line.top - GAP - height;
    card.style.left = left - box.left + "px";
    card.style.top = top - box.top + "px";
  }

  function show(link) {
    var card = cardFor(link);
    if (!card) return;
    clearTimeout(leaveTimer);
    if (open && open.card !== card) hide();
    card.hidden = false;
    card.setAttribute("data-state", "open");
    link.setAttribute("aria-expanded", "true");
    place(link, card);
    open = { link: link, card: card };
  }

  function hide() {
    clearTimeout(leaveTimer);
    if (!open) return;
    open.card.hidden = true;
    open.card.setAttribute("data-state", "closed");
    open.link.removeAttribute("aria-expanded");
    open = null;
  }

  function hideSoon() {
    clearTimeout(leaveTimer);
    leaveTimer = setTimeout(hide, LEAVE_MS);
  }

  function inOpen(node) {
    return open && node && (open.card.contains(node) || open.link.contains(node));
  }

  document.addEventListener("pointerover", function (event) {
    lastPointer = event.pointerType || "mouse";
    if (lastPointer !== "mouse" && lastPointer !== "pen") return;
    var link = linkOf(event.target);
    if (link) show(link);
    else if (inOpen(event.target)) clearTimeout(leaveTimer);
  });

  document.addEventListener("pointerout", function (event) {
    if (event.pointerType === "touch" || !open) return;
    if (inOpen(event.target) && !inOpen(event.relatedTarget)) hideSoon();
  });

  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
  });

  document.addEventListener("focusin", function (event) {
    var link = linkOf(event.target);
    if (quietFocus || (link && lastPointer === "touch")) {
      quietFocus = false;
      return; // a tap's focus: the click that follows decides
    }
    if (link) show(link);
    else if (!inOpen(event.target)) hide();
  });

  document.addEventListener("focusout", function (event) {
    if (open && !inOpen(event.relatedTarget) && lastPointer !== "touch") hideSoon();
  });

  // A tap is a toggletip: the first tap on a link opens its card ("Read more" follows
  // it), a second tap on the same link follows the link, a tap elsewhere closes.
  // On the window, capturing, so it runs before Material's instant navigation handler.
  window.addEventListener("click", function (event) {
    var link = linkOf(event.target);
    if (link && lastPointer === "touch") {
      if (!(open && open.link === link)) {
        event.preventDefault();
        event.stopImmediatePropagation();
        show(link);
      }
      return;
    }
    if (open && !inOpen(event.target)) hide();
  }, true);

  document.addEventListener("keydown", function (event) {
    lastPointer = "keyboard";
    if (event.key === "Escape" && open) {
      var link = open.link;
      var inside = open.card.contains(document.activeElement);
      hide();
      if (inside) {
        quietFocus = true;
        link.focus({ preventScroll: true });
      }
    }
  });

  window.addEventListener("resize", function () {
    if (open) place(open.link, open.card);
  });
})();
