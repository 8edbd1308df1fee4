// Progressive enhancement for product listings (templates/shop/_listing.html). Without this file the
// filters are a plain GET form with an "Apply filters" button, and every page link is a plain link.
// The layout never depends on it: CSS alone places the filters (a side column, or on phones a drawer).
(function () {
  "use strict";
  // htmx runs the scripts of a page it restores from its history cache again; once is enough.
  if (window.listingEnhanced || !document.getElementById("listing-status")) return;
  window.listingEnhanced = true;
  var wide = window.matchMedia("(min-width: 60em)");

  function drawer() { return document.getElementById("listing-drawer"); }

  // The drawer borrows the one filter form while it is open, so there is never a second copy of it
  // (nor of its ids) in the page; htmx swaps the form by id wherever it sits.
  function openDrawer() {
    var panel = drawer(), form = document.getElementById("listing-filters-form");
    if (!panel || !form) return;
    panel.appendChild(form);
    panel.showModal();
  }

  function putFormBack() {
    var form = document.getElementById("listing-filters-form"), home = document.getElementById("listing-filters");
    if (form && home && form.parentNode !== home) home.appendChild(form);
  }

  function closeDrawer() {
    var panel = drawer();
    if (panel && panel.open) panel.close();
    putFormBack();
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("#listing-filter-open")) openDrawer();
  });
  // Escape, the close button and "Show N results" all end here; the browser returns focus to the button.
  document.addEventListener("close", function (event) {
    if (event.target.id === "listing-drawer") putFormBack();
  }, true);
  wide.addEventListener("change", function () { if (wide.matches) closeDrawer(); });

  // A modal dialog keeps the page behind out of reach, but Tab past its last control would leave for
  // the browser's toolbar: round it back to the first, and Shift+Tab from the first to the last.
  document.addEventListener("keydown", function (event) {
    var panel = drawer();
    if (event.key !== "Tab" || !panel || !panel.open) return;
    var stops = Array.prototype.filter.call(panel.querySelectorAll("a[href], button, input, select"), function (control) {
      return !control.disabled && control.type !== "hidden" && control.getClientRects().length > 0;
    });
    var edge = event.shiftKey ? stops[0] : stops[stops.length - 1];
    if (document.activeElement === edge || !panel.contains(document.activeElement)) {
      event.preventDefault();
      (event.shiftKey ? stops[stops.length - 1] : stops[0]).focus();
    }
  });

  // A ticked box or a new sort order applies at once; a typed price waits for Enter or the button,
  // so the results do not change under the shopper half way through typing.
  document.addEventListener("change", function (event) {
    var control = event.target;
    if (!control.form || control.form.id !== "listing-filters-form") return;
    if (control.type === "checkbox" || control.tagName === "SELECT") control.form.requestSubmit();
  });

  // The results behind the drawer are already up to date, so "Show N results" (or Enter) also closes it.
  document.addEventListener("submit", function (event) {
    if (event.target.id === "listing-filters-form" && event.submitter && drawer() && drawer().open) closeDrawer();
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target.id !== "listing-results") return;
    var summary = document.getElementById("listing-summary");
    var status = document.getElementById("listing-status");
    // Emptied first, so the same count ("12 products") is still read out after a different change.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = summary.textContent.replace(/\s+/g, " ").trim(); }, 50);
    // htmx keeps focus on a control it swapped when the control has an id (the ticked box, the sort);
    // a page link or "remove filter" link is gone after the swap, so start the keyboard at the results.
    if (!document.activeElement || document.activeElement === document.body) summary.focus();
  });

  // A page restored from htmx's history cache was saved as it looked, perhaps with the drawer open
  // (as a plain, non-modal dialog): start it closed, with the form in its place.
  document.addEventListener("htmx:historyRestore", closeDrawer);
})();
