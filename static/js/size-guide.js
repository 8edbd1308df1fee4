// The size guide's dialog on a product page. Without this file the "Size guide" link opens the guide's own
// page. As a modal <dialog> it closes with Escape and Tab goes round inside it; closing it, by its
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

  // A modal dialog keeps the page out of reach, but Tab would still leave it for the browser's own controls:
  // from the last control it comes round to the first, and back.
  dialog.addEventListener("keydown", function (event) {
    if (event.key !== "Tab") return;
    var controls = dialog.querySelectorAll("a[href], button, [tabindex='0']");
    var first = controls[0];
    var last = controls[controls.length - 1];
    if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
    else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
  });
})();
