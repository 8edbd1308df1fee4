// Progressive enhancement for the category menu. Without this file the menu is fully usable:
// every group is a native <details>, which the keyboard opens with Enter or Space.
(function () {
  "use strict";
  var nav = document.querySelector(".category-nav");
  if (!nav) return;
  var toggle = nav.querySelector(".category-nav__toggle");
  var menu = document.getElementById("category-menu");
  var groups = Array.prototype.slice.call(nav.querySelectorAll("details"));

  // On small screens the whole menu folds behind one button, so the products come first.
  toggle.hidden = false;
  document.documentElement.classList.add("js");
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("is-open", open);
  });

  function closeGroups(except) {
    groups.forEach(function (group) { if (group !== except) group.open = false; });
  }

  // One open group at a time, like a real menu bar.
  groups.forEach(function (group) {
    group.addEventListener("toggle", function () { if (group.open) closeGroups(group); });
  });

  // Escape closes the open group and returns focus to its heading.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = groups.filter(function (group) { return group.open; })[0];
    if (open) { open.open = false; open.querySelector("summary").focus(); }
  });

  document.addEventListener("click", function (event) {
    if (!nav.contains(event.target)) closeGroups(null);
  });
})();
