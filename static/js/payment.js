// The payment step in the browser: show card fields only for card payments, and check the card
// number (its Luhn check digit) and expiry before sending, so a typing mistake is pointed out
// beside the field with everything still typed. The server checks the same again.
(function () {
  "use strict";
  var form = document.querySelector("[data-payment-form]");
  if (!form) return;
  var cardFields = form.querySelector("[data-card-fields]");
  var codNote = form.querySelector("[data-cod-note]");

  function payingByCard() {
    var chosen = form.querySelector("input[name=method]:checked");
    return !chosen || chosen.value === "card";
  }
  function showChosenMethod() {
    cardFields.hidden = !payingByCard();
    codNote.hidden = payingByCard();
  }
  form.addEventListener("change", function (event) {
    if (event.target.name === "method") showChosenMethod();
  });
  showChosenMethod();

  function digits(value) { return value.replace(/[\s-]/g, ""); }
  function luhnValid(number) {
    var total = 0;
    for (var i = 0; i < number.length; i++) {
      var digit = Number(number[number.length - 1 - i]);
      if (i % 2) { digit *= 2; if (digit > 9) digit -= 9; }
      total += digit;
    }
    return total % 10 === 0;
  }
  function expiryProblem(value) {
    var parts = value.replace(/[\s-]+/g, "/").split("/").filter(Boolean);
    if (parts.length !== 2 || !/^\d+$/.test(parts[0]) || !/^\d+$/.test(parts[1])) {
      return "Enter the expiry date as month and year, for example 04/29.";
    }
    var month = Number(parts[0]), year = Number(parts[1]);
    if (year < 100) year += 2000;
    if (month < 1 || month > 12) return "Enter the expiry date as month and year, for example 04/29.";
    var now = new Date();
    if (year < now.getFullYear() || (year === now.getFullYear() && month < now.getMonth() + 1)) {
      return "This card has expired: use another card.";
    }
    return "";
  }
  var checks = {
    card_number: function (value) {
      var number = digits(value);
      if (!number) return "Enter the long number on the front of your card.";
      if (!/^\d{12,19}$/.test(number) || !luhnValid(number)) {
        return "Check the card number: it should be the 16 digits on the front of your card, as printed.";
      }
      return "";
    },
    card_name: function (value) { return value.trim() ? "" : "Enter the name as it is printed on the card."; },
    card_expiry: expiryProblem,
    card_security_code: function (value) {
      return /^\d{3,4}$/.test(value.trim()) ? "" : "Enter the 3-digit security code from the back of the card.";
    },
  };
  function check(input, options) {
    var problem = checks[input.name](input.value);
    window.fieldShowMessage(input.closest(".field"), problem, options);
    return problem;
  }

  // Checked once the shopper leaves a field they changed: no message while typing.
  form.addEventListener("change", function (event) {
    if (checks[event.target.name] && payingByCard()) check(event.target, { announce: true });
  });

  form.addEventListener("submit", function (event) {
    if (!payingByCard() || (event.submitter && event.submitter.hasAttribute("data-skip-card-check"))) return;
    var problems = [];
    Object.keys(checks).forEach(function (name) {
      var input = form.elements[name];
      var problem = check(input);
      if (problem) problems.push({ id: input.id, text: problem });
    });
    if (!problems.length) return;
    event.preventDefault();
    showSummary(problems);
  });

  function showSummary(problems) {
    var summary = document.getElementById("error-summary");
    if (!summary) {
      summary = document.createElement("div");
      summary.id = "error-summary";
      summary.className = "error-summary";
      summary.tabIndex = -1;
      summary.setAttribute("role", "group");  // as in templates/_error_summary.html
      summary.setAttribute("aria-labelledby", "error-summary-title");
      form.parentNode.insertBefore(summary, form);
    }
    summary.innerHTML = '<h2 id="error-summary-title">There is a problem</h2><ul></ul>';
    problems.forEach(function (problem) {
      var link = document.createElement("a");
      link.href = "#" + problem.id;
      link.textContent = problem.text;
      var item = document.createElement("li");
      item.appendChild(link);
      summary.querySelector("ul").appendChild(item);
    });
    if (document.title.indexOf("Error: ") !== 0) document.title = "Error: " + document.title;
    summary.focus();
  }
})();
