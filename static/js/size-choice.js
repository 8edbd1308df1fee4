// The choice of size on a product page (templates/shop/product.html). Nothing is chosen at first: pressing
// "Add to cart" without a size asks for one beside the sizes instead of sending the form, the quantity typed
// kept. Once chosen, the quantity may go up to that size's stock. Without this file the shop asks the same
// after the form is sent (cart_add sends the shopper back to the page with the message).
(function () {
  "use strict";
  var form = document.getElementById("product-buy");
  var choice = document.querySelector("[data-size-choice]");
  if (!form || !choice) return;
  var quantity = document.getElementById("quantity");
  var limit = document.getElementById("quantity-limit");
  var missing = document.getElementById("size-missing");
  var smooth = window.matchMedia("(prefers-reduced-motion: no-preference)").matches ? "smooth" : "auto";

  function showMissing(show) {
    missing.hidden = !show;
    choice.classList.toggle("size-choice--missing", show);
    if (show) choice.setAttribute("aria-describedby", missing.id);
    else choice.removeAttribute("aria-describedby");
  }

  choice.addEventListener("change", function (event) {
    var stock = Number(event.target.dataset.stock);
    quantity.max = stock;
    if (Number(quantity.value) > stock) quantity.value = stock;
    limit.querySelector("[data-quantity-limit]").textContent = stock;
    limit.hidden = false;
    showMissing(false);
  });

  // Listening on the document while the event comes down to the form runs before htmx's own listener
  // there, so a form without a size is never sent. The sticky bar's button sends the same form.
  document.addEventListener("submit", function (event) {
    if (event.target !== form || choice.querySelector("input:checked")) return;
    event.preventDefault();
    event.stopPropagation();
    showMissing(true);
    choice.scrollIntoView({ block: "center", behavior: smooth });
    // Focus on the group reads its legend and the message; it chooses nothing until an arrow key or Space.
    choice.querySelector("input:not(:disabled)").focus({ preventScroll: true });
  }, true);
})();
