// The cart's behaviour in the browser. Without this file every cart form still works: it posts,
// and the server redirects back with a message.
(function () {
  "use strict";
  var dialog = document.getElementById("mini-cart");
  var announcer = document.getElementById("announcer");

  // The live region is in the page from the first load; screen readers ignore regions added later.
  document.body.addEventListener("cart-updated", function (event) {
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = event.detail.message; }, 50);
    if (event.detail.openMiniCart && dialog && !dialog.open) dialog.showModal();
  });

  // After htmx replaces part of the page, put keyboard focus where the change happened (the
  // changed field, the Undo button), else on the message: never back on <body> at the top.
  // Only inside what was just swapped: the header's cart count settles a moment later and must
  // not pull focus away again.
  function inSwapped(root, selector) {
    return root.matches(selector) ? root : root.querySelector(selector);
  }
  document.body.addEventListener("htmx:afterSettle", function (event) {
    var root = event.target;
    var target = inSwapped(root, "[data-focus-after-swap]") || inSwapped(root, "[data-focus-fallback]");
    if (!target) return;
    target.focus();
    target.removeAttribute("data-focus-after-swap");
    target.removeAttribute("data-focus-fallback");
  });

  if (!dialog) return;
  // The header's cart link opens the mini-cart instead of leaving the page.
  document.body.addEventListener("click", function (event) {
    var opener = event.target.closest("[data-mini-cart-opener]");
    if (opener && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      event.preventDefault();
      htmx.ajax("GET", dialog.dataset.source, { target: "#mini-cart-body" }).then(function () {
        dialog.showModal();
      });
    }
    if (event.target.closest("[data-close-mini-cart]")) dialog.close();
  });
  // A click on the backdrop (outside the panel) closes it, like Escape does.
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close();
  });
})();
