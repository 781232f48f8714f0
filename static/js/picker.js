/* Lists of check boxes (fieldset[data-picker]) get a search field that narrows the list as
   one types; ticked boxes always stay in view. Without JavaScript the whole list shows. */
(function () {
  "use strict";
  function setUp(picker) {
    var list = picker.querySelector(".choice-list");
    var items = list ? list.querySelectorAll(".check") : [];
    if (items.length < 8) return;
    var legend = picker.querySelector("legend");
    var search = document.createElement("input");
    search.type = "search";
    search.className = "picker-search";
    search.placeholder = "Type to search";
    search.setAttribute("aria-label", "Search " + (legend ? legend.textContent.trim() : ""));
    list.parentNode.insertBefore(search, list);
    search.addEventListener("input", function () {
      var words = search.value.trim().toLowerCase();
      items.forEach(function (item) {
        var ticked = item.querySelector("input:checked");
        item.hidden = !ticked && words !== "" && item.textContent.toLowerCase().indexOf(words) < 0;
      });
    });
  }
  function setUpAll() {
    document.querySelectorAll("fieldset[data-picker]").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
