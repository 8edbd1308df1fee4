// The size guide's dialog on a product page. Without this file the "Size guide" link opens the guide's own
// page. As a modal <dialog> it keeps focus inside while open and closes with Escape; closing it, by its
// button, Escape or a click beside it, puts focus back on the link.
(function () {
  "use strict";
  var dialog = document.querySelector("[data-size-guide]");
  var link = document.querySelector("[data-size-guide-open]");
  if (!dialog || !link) return;

  link.addEventListener("click", function (event) {
    event.preventDefault();
    dialog.showModal();
  });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog || event.target.closest("[data-size-guide-close]")) dialog.close();
  });
  dialog.addEventListener("close", function () { link.focus(); });
})();
