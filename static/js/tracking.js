// The order tracking timeline (templates/orders/tracking.html) refreshes itself every minute through
// htmx. This file adds the two things htmx attributes cannot do under our Content-Security-Policy (a
// trigger filter is evaluated as code): check at once when the customer comes back to the tab, and
// say out loud what changed.
(function () {
  "use strict";
  var news = document.getElementById("tracking-news");
  if (!news) return;

  function timeline() {
    return document.getElementById("tracking-timeline");
  }

  document.addEventListener("visibilitychange", function () {
    var current = timeline();
    if (document.visibilityState === "visible" && current && current.hasAttribute("hx-get")) {
      htmx.trigger(current, "tracking-refresh");
    }
  });

  // Compared by the newest event: the order's stage alone misses one parcel of several moving on.
  var seen = timeline() ? timeline().dataset.latest : undefined;
  document.body.addEventListener("htmx:afterSettle", function () {
    var current = timeline();
    if (!current) return;
    if (seen !== undefined && current.dataset.latest !== seen && current.dataset.news) {
      news.textContent = current.dataset.news;
    }
    seen = current.dataset.latest;
  });
})();
