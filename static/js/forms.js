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
      window.fieldShowMessage(message.closest(".field"), message.textContent.trim());
    }
  });

  // Shared with payment.js: show or clear one field's message, keeping aria in step with it.
  window.fieldShowMessage = function (field, text) {
    if (!field) return;
    var message = field.querySelector(".field__error");
    var input = field.querySelector("input, select, textarea");
    if (!message || !input) return;
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
})();
