// The bar at the foot of the screen that offers "Add to cart" again once the form's own button has scrolled
// up out of sight (templates/shop/product.html). It is fixed and slides in by a transform, so nothing on the
// page moves, and the stylesheet keeps room for it at the end of the page, so it covers nothing there. Its
// button sends the page's form, so an unchosen size is asked for beside the sizes (size-choice.js).
(function () {
  "use strict";
  var bar = document.querySelector("[data-sticky-buy]");
  var button = document.querySelector("[data-add-to-cart]");
  if (!bar || !button) return;
  var size = bar.querySelector("[data-sticky-buy-size]");
  var choice = document.querySelector("[data-size-choice]");

  // Read on scroll, once a frame: an IntersectionObserver would miss a jump from below the button to past it.
  var pending = false;
  function follow() {
    pending = false;
    bar.classList.toggle("sticky-buy--shown", button.getBoundingClientRect().bottom < 0);
  }
  bar.hidden = false;
  window.addEventListener("scroll", function () {
    if (!pending) { pending = true; window.requestAnimationFrame(follow); }
  }, { passive: true });
  follow();

  if (choice) {
    // ", size %(size)s" in the page's language (product.html), the size as the page names it.
    choice.addEventListener("change", function (event) {
      size.textContent = bar.dataset.sizeText.replace("%(size)s", event.target.dataset.size);
    });
  }
})();
