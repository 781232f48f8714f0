/* The talent review's board: drag a person's card onto another box and their Move form opens
   with that box chosen, waiting for the reason (a move is never recorded without one). The
   forms work alone, without this script and on a phone. */
(function () {
  "use strict";
  var root = document.querySelector("[data-review-board]");
  if (!root) return;
  var status = document.getElementById("board-status");
  var dragged = null;

  function boxOf(target) {
    return target && target.closest ? target.closest("[data-box]") : null;
  }

  root.addEventListener("dragstart", function (event) {
    var card = event.target.closest ? event.target.closest("[data-person]") : null;
    if (!card) return;
    dragged = card;
    card.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.getAttribute("data-person"));
  });
  root.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    root.querySelectorAll(".drop-target").forEach(function (box) {
      box.classList.remove("drop-target");
    });
  });
  root.addEventListener("dragover", function (event) {
    var box = boxOf(event.target);
    if (!box || !dragged) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    box.classList.add("drop-target");
  });
  root.addEventListener("dragleave", function (event) {
    var box = boxOf(event.target);
    if (box && !box.contains(event.relatedTarget)) box.classList.remove("drop-target");
  });
  root.addEventListener("drop", function (event) {
    var box = boxOf(event.target);
    if (!box || !dragged) return;
    event.preventDefault();
    box.classList.remove("drop-target");
    var card = dragged;
    var details = card.querySelector("details.move");
    if (!details) return;
    var select = details.querySelector("select[name=to_box]");
    select.value = box.getAttribute("data-box");
    // The card shows in the box it is going to while its reason is asked for.
    var list = box.querySelector("ul.people");
    if (!list) {
      list = document.createElement("ul");
      list.className = "people";
      box.appendChild(list);
    }
    list.appendChild(card);
    details.open = true;
    var reason = details.querySelector("input[name=reason]");
    if (status) {
      status.textContent = root
        .getAttribute("data-drop-message")
        .replace("%(name)s", card.getAttribute("data-name"))
        .replace("%(box)s", box.getAttribute("data-box-name"));
    }
    if (reason) reason.focus();
  });
})();
