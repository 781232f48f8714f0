/* The main navigation folds behind a "Menu" button on narrow screens. Without JavaScript the
   menu simply stays open, so every page remains reachable. */
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 48rem)");
  function setUp() {
    var button = document.querySelector(".menu-toggle");
    var nav = document.getElementById("main-nav");
    if (!button || !nav) return;
    function apply() {
      if (narrow.matches) {
        button.hidden = false;
        var open = button.getAttribute("aria-expanded") === "true" && button.dataset.touched;
        button.setAttribute("aria-expanded", open ? "true" : "false");
        nav.hidden = !open;
      } else {
        button.hidden = true;
        nav.hidden = false;
      }
    }
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.dataset.touched = "1";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      nav.hidden = !open;
      if (open) {
        var first = nav.querySelector("a");
        if (first) first.focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && narrow.matches && !nav.hidden) {
        button.setAttribute("aria-expanded", "false");
        nav.hidden = true;
        button.focus();
      }
    });
    if (narrow.addEventListener) narrow.addEventListener("change", apply);
    apply();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
