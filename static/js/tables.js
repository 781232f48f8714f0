/* Tables and charts wider than their box scroll sideways inside it (see app.css). When one
   does, it becomes reachable by keyboard (a labelled region) and a line above it says that
   there is more to the side. Without JavaScript the shadows at its edges still show it. */
(function () {
  "use strict";
  var HINT = "Scroll sideways to see every column →";
  function mark(box) {
    var overflowing = box.scrollWidth > box.clientWidth + 1;
    var hint = box.previousElementSibling;
    var hasHint = hint && hint.classList.contains("scroll-hint");
    if (overflowing) {
      if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
      if (box.tagName === "TABLE" && !box.hasAttribute("aria-label")) {
        var caption = box.querySelector("caption");
        var heading = box.closest("section, .card");
        heading = heading && heading.querySelector("h2, h3");
        var name = (caption || heading || {}).textContent;
        if (name) box.setAttribute("aria-label", name.trim());
      }
      if (!hasHint) {
        hint = document.createElement("p");
        hint.className = "scroll-hint";
        hint.setAttribute("aria-hidden", "true");
        hint.textContent = box.dataset.scrollHint || HINT;
        box.parentNode.insertBefore(hint, box);
      }
    } else if (hasHint) {
      hint.remove();
    }
  }
  function markAll() {
    document.querySelectorAll(".table, .chart-scroll").forEach(mark);
  }
  var pending = null;
  function later() {
    if (pending) window.cancelAnimationFrame(pending);
    pending = window.requestAnimationFrame(markAll);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", markAll);
  } else {
    markAll();
  }
  window.addEventListener("resize", later);
  document.addEventListener("htmx:afterSettle", later);
})();
