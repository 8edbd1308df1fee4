// Apply a newly chosen text size at once. The server already saved it in a cookie; without
// JavaScript the form posts and the page reloads in the new size instead.
(function () {
  "use strict";
  document.body.addEventListener("text-size-changed", function (event) {
    var size = event.detail.size;
    var root = document.documentElement;
    root.className = root.className.replace(/\btext-size-\w+/, "text-size-" + size);
    document.querySelectorAll(".text-size button").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.value === size));
    });
  });
})();
