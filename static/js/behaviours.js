/* Small behaviours declared in the markup with data attributes, so that pages carry no inline
   script (the Content-Security-Policy allows scripts from this site only):
   - data-print: the element prints the page when clicked;
   - data-select-on-focus: the field's text is selected when it gets the focus. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-print]") : null;
    if (target) window.print();
  });
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target && target.hasAttribute && target.hasAttribute("data-select-on-focus")) {
      target.select();
    }
  });
})();
