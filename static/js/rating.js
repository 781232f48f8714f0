/* The rating form counts "x of n rated" as levels are chosen (the server renders the same
   count, so the page reads right without JavaScript). */
(function () {
  "use strict";
  function setUp() {
    var form = document.getElementById("rating-form");
    var count = form && form.querySelector("[data-rated]");
    if (!count) return;
    var groups = form.querySelectorAll("[data-rating-group]");
    function update() {
      var rated = 0;
      groups.forEach(function (group) {
        var chosen = group.querySelector("input[type=radio]:checked");
        if (chosen) {
          rated += 1;
          group.classList.remove("unrated");
        }
      });
      count.textContent = String(rated);
    }
    form.addEventListener("change", update);
    update();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
