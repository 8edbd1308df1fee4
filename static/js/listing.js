// Progressive enhancement for product listings (templates/shop/_listing.html). Without this file the
// filters are a plain GET form with an "Apply filters" button, and every page link is a plain link.
(function () {
  "use strict";
  // htmx runs the scripts of a page it restores from its history cache again; once is enough.
  if (window.listingEnhanced || !document.getElementById("listing-status")) return;
  window.listingEnhanced = true;
  var wide = window.matchMedia("(min-width: 60em)");
  var filtersWereOpen = null;  // on a phone, the filter panel stays as the shopper left it across swaps

  function filters() { return document.querySelector("#listing .listing-filters"); }

  // The filters sit in a side column on wide screens and fold behind "Filter and sort" on phones.
  function fitFilters() {
    var panel = filters();
    if (panel) panel.open = wide.matches || filtersWereOpen === true;
  }
  fitFilters();
  wide.addEventListener("change", function () { filtersWereOpen = null; fitFilters(); });

  // A ticked box or a new sort order applies at once; a typed price waits for Enter or "Apply filters",
  // so the results do not change under the shopper half way through typing.
  document.addEventListener("change", function (event) {
    var control = event.target;
    if (!control.form || !control.form.classList.contains("listing-filters__form")) return;
    if (control.type === "checkbox" || control.tagName === "SELECT") control.form.requestSubmit();
  });

  document.addEventListener("htmx:beforeSwap", function () {
    var panel = filters();
    filtersWereOpen = panel ? panel.open : null;
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target.id !== "listing") return;
    fitFilters();
    var summary = document.getElementById("listing-summary");
    var status = document.getElementById("listing-status");
    // Emptied first, so the same count ("12 products") is still read out after a different change.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = summary.textContent.replace(/\s+/g, " ").trim(); }, 50);
    // htmx keeps focus on a control it swapped when the control has an id (the ticked box, the sort);
    // a page link or "remove filter" link is gone after the swap, so start the keyboard at the results.
    if (!document.activeElement || document.activeElement === document.body) summary.focus();
  });

  // Back and forward within the listing restore htmx's snapshot of the page.
  document.addEventListener("htmx:historyRestore", fitFilters);
})();
