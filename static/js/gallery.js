// Product gallery: choosing a thumbnail shows that picture in the main frame. Without this file each
// thumbnail is a plain link to the large picture, which works too. The thumbnails stay links, so the
// keyboard reaches and opens them as usual; aria-current marks the one on show.
(function () {
  "use strict";
  var COPIED = ["src", "srcset", "width", "height", "alt"];

  document.querySelectorAll("[data-gallery]").forEach(function (gallery) {
    var main = gallery.querySelector(".gallery__main picture");
    var status = gallery.querySelector("[data-gallery-status]");
    var thumbs = Array.prototype.slice.call(gallery.querySelectorAll(".gallery__thumb"));
    if (!main || !thumbs.length) return;

    thumbs.forEach(function (thumb, index) {
      thumb.addEventListener("click", function (event) {
        event.preventDefault();
        // A thumbnail offers the same renditions as the main picture; only `sizes` differs, and the
        // main picture keeps its own, so the browser picks a large file for it.
        main.querySelector("source").srcset = thumb.querySelector("source").srcset;
        var image = thumb.querySelector("img");
        var mainImage = main.querySelector("img");
        COPIED.forEach(function (name) { mainImage.setAttribute(name, image.getAttribute(name)); });
        thumbs.forEach(function (other) { other.removeAttribute("aria-current"); });
        thumb.setAttribute("aria-current", "true");
        status.textContent = "Showing picture " + (index + 1) + " of " + thumbs.length + ": " + image.alt;
      });
    });
  });
})();
