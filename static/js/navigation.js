// Progressive enhancement for the header. Without this file it is fully usable: the phone's search and
// menu icons and every category group are native <details>, which open with a tap, Enter or Space.
// This adds what a menu is expected to do: one open at a time, Escape to close, the search box ready to type.
(function () {
  "use strict";
  var header = document.querySelector(".site-header");
  if (!header) return;
  var toggles = Array.prototype.slice.call(header.querySelectorAll("[data-header-toggle]"));
  var groups = Array.prototype.slice.call(header.querySelectorAll(".category-nav details"));
  // The language switch (_language_switch.html) is a <details> too, in the service bar or checkout's header.
  var switches = Array.prototype.slice.call(header.querySelectorAll(".language-switch"));

  function closeAll(list, except) {
    list.forEach(function (each) { if (each !== except) each.open = false; });
  }

  // Search and the menu share the space under the icon row: opening one closes the other.
  toggles.forEach(function (toggle) {
    toggle.addEventListener("toggle", function () {
      if (!toggle.open) return;
      closeAll(toggles, toggle);
      var field = toggle.dataset.headerToggle && document.getElementById(toggle.dataset.headerToggle);
      if (field) field.focus();
    });
  });

  // One open category group at a time, like a real menu bar.
  groups.forEach(function (group) {
    group.addEventListener("toggle", function () { if (group.open) closeAll(groups, group); });
  });

  // Escape closes the innermost open part and returns focus to the control that opened it; an Escape
  // already used (search-suggest.js closing its suggestions) closes nothing more.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    var open = groups.filter(function (group) { return group.open; })[0] ||
               switches.filter(function (choice) { return choice.open; })[0] ||
               toggles.filter(function (toggle) { return toggle.open; })[0];
    if (!open) return;
    open.open = false;
    open.querySelector("summary").focus();
  });

  // A tap or click elsewhere closes what the header has open; the language switch also closes when the tap
  // is elsewhere in the header.
  document.addEventListener("click", function (event) {
    switches.forEach(function (choice) { if (!choice.contains(event.target)) choice.open = false; });
    if (header.contains(event.target)) return;
    closeAll(groups, null);
    closeAll(toggles, null);
  });
})();
