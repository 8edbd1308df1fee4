// The quantity field follows the chosen size: at most what is in stock in that size. Without this
// file the limit is that of the size chosen when the page opened.
(function () {
  "use strict";
  var quantity = document.getElementById("quantity");
  var limit = document.querySelector("[data-quantity-limit]");
  if (!quantity || !limit) return;

  document.querySelectorAll('.size-choice input[name="variant"]').forEach(function (radio) {
    radio.addEventListener("change", function () {
      var stock = Number(radio.dataset.stock);
      quantity.max = stock;
      if (Number(quantity.value) > stock) quantity.value = stock;
      limit.textContent = stock;
    });
  });
})();
