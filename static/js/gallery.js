// Product gallery (templates/shop/_gallery.html). Without this file the strip of pictures already swipes and
// snaps, and each thumbnail jumps to its picture by its anchor; this scrolls the strip smoothly instead,
// without moving the page, and keeps the thumbnail of the picture on show marked (aria-current) as the
// strip moves, whether by a thumbnail, a swipe or the keyboard.
(function () {
  "use strict";
  var smooth = window.matchMedia("(prefers-reduced-motion: no-preference)").matches ? "smooth" : "auto";

  document.querySelectorAll("[data-gallery]").forEach(function (gallery) {
    var strip = gallery.querySelector("[data-gallery-slides]");
    var slides = Array.prototype.slice.call(strip.children);
    var thumbs = Array.prototype.slice.call(gallery.querySelectorAll(".gallery__thumb"));
    var status = gallery.querySelector("[data-gallery-status]");
    if (!thumbs.length) return;

    function mark(index) {
      thumbs.forEach(function (thumb, each) {
        if (each === index) thumb.setAttribute("aria-current", "true");
        else thumb.removeAttribute("aria-current");
      });
    }

    thumbs.forEach(function (thumb, index) {
      thumb.addEventListener("click", function (event) {
        event.preventDefault();
        strip.scrollTo({ left: slides[index].offsetLeft, behavior: smooth });
        mark(index);
        // "Showing picture %(number)s of %(total)s: %(description)s" in the page's language (_gallery.html).
        status.textContent = gallery.dataset.statusText
          .replace("%(number)s", index + 1)
          .replace("%(total)s", slides.length)
          .replace("%(description)s", slides[index].querySelector("img").alt);
      });
    });

    // The picture mostly in view is the current one; a swipe or an arrow key moves the strip too.
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.intersectionRatio > 0.5) mark(slides.indexOf(entry.target));
      });
    }, { root: strip, threshold: 0.5 });
    slides.forEach(function (slide) { observer.observe(slide); });
  });
})();
