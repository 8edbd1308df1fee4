// Form errors the accessible way (practice P19). Without this file the server's messages still
// appear beside each field and in the summary; this adds focus and inline checks.
(function () {
  "use strict";

  // After a failed submit, start keyboard and screen-reader users at the list of what to fix.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();

  // A link in the summary moves focus into its field, not just the scroll position.
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".error-summary a[href^='#']");
    if (!link) return;
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (field) { event.preventDefault(); field.focus(); field.scrollIntoView({ block: "center" }); }
  });

  // An inline check (templates/_field.html) swaps only the message; bring the field's state in line.
  // htmx fires afterSwap on the element it swapped in.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var message = event.target;
    if (message.classList && message.classList.contains("field__error")) {
      window.fieldShowMessage(message.closest(".field"), message.textContent.trim(), { announce: true });
    }
  });

  // A message shown once the shopper has moved on to the next field is out of a screen reader's
  // sight, so it is also read out through the page's live region (templates/base.html).
  var announcer = document.getElementById("announcer");
  function announce(field, text) {
    if (!announcer) return;
    var label = field.querySelector("label");
    announcer.textContent = "";
    window.setTimeout(function () {
      announcer.textContent = (label ? label.textContent.trim() + ": " : "") + text;
    }, 50);
  }

  // Shared with payment.js: show or clear one field's message, keeping aria in step with it.
  // `announce` is for checks made as the shopper leaves a field; after a submit the summary has focus.
  window.fieldShowMessage = function (field, text, options) {
    if (!field) return;
    var message = field.querySelector(".field__error");
    var input = field.querySelector("input, select, textarea");
    if (!message || !input) return;
    if (text && options && options.announce) announce(field, text);
    message.textContent = text;
    message.hidden = !text;
    field.classList.toggle("field--invalid", Boolean(text));
    var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
      return id && id !== message.id;
    });
    if (text) {
      input.setAttribute("aria-invalid", "true");
      described.push(message.id);
    } else {
      input.removeAttribute("aria-invalid");
    }
    if (described.length) input.setAttribute("aria-describedby", described.join(" "));
    else input.removeAttribute("aria-describedby");
  };

  // Placing the order: a second click while the first is on its way would only find the same order
  // (the review page's key makes placing idempotent), so it is not sent again.
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-place-order]");
    if (!form) return;
    if (form.hasAttribute("data-sending")) { event.preventDefault(); return; }
    form.setAttribute("data-sending", "");
    form.querySelector("button[type=submit]").setAttribute("aria-disabled", "true");
  });
  // Back to the review page from the browser's cache: the form can be sent again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("[data-place-order][data-sending]").forEach(function (form) {
      form.removeAttribute("data-sending");
      form.querySelector("button[type=submit]").removeAttribute("aria-disabled");
    });
  });
})();
