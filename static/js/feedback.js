// The Feedback control on every page (templates/support/_feedback.html, practice P21). Without this file it
// still opens (a <details>) and sends (a normal form post, back to the page); this adds Escape to close it,
// keeps focus in a sensible place as htmx swaps the form, and reads the thank-you out politely.
(function () {
  "use strict";

  var control = document.querySelector("[data-feedback]");
  if (!control) return;
  var toggle = control.querySelector("summary");
  var announcer = document.getElementById("announcer");

  function announce(text) {
    if (!announcer) return;
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  }

  // Escape closes the panel and returns to its toggle, like the menus and the mini-cart.
  control.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && control.open) {
      control.open = false;
      toggle.focus();
    }
  });

  // The button that had focus has just been swapped away: put focus where the visitor can carry on.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (!control.contains(event.target)) return;
    var thanks = control.querySelector("[data-feedback-thanks]");
    if (thanks) {
      toggle.focus();
      announce(thanks.textContent.trim());
      return;
    }
    var invalid = control.querySelector("[aria-invalid='true']");
    if (invalid) invalid.focus();
  });

  // htmx swaps nothing on an error answer (too many sends) or without a connection: say so in the form, in
  // the page's language (the template writes each sentence into a data attribute of the message's place).
  function showProblem(event, which) {
    var form = event.target.closest && event.target.closest("[data-feedback-form]");
    if (!form) return;
    var problem = form.querySelector("[data-feedback-problem]");
    var text = problem.getAttribute("data-" + which + "-text");
    problem.textContent = text;
    problem.hidden = false;
    announce(text);
  }
  document.body.addEventListener("htmx:responseError", function (event) {
    showProblem(event, event.detail.xhr.status === 429 ? "too-many" : "not-sent");
  });
  document.body.addEventListener("htmx:sendError", function (event) {
    showProblem(event, "offline");
  });
})();
