// The payment step in the browser: show card fields only for card payments, space the card number
// and name its brand as it is typed, and check the card number (its Luhn check digit) and expiry
// before sending, so a typing mistake is pointed out beside the field with everything still typed.
// The server checks the same again, and reads the same formats. Every word shown comes from the form's data
// attributes (templates/orders/payment.html), in the page's language, the same words the server uses.
(function () {
  "use strict";
  var form = document.querySelector("[data-payment-form]");
  if (!form) return;
  var words = form.dataset;
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
    if (parts.length === 1 && /^(\d{4}|\d{6})$/.test(parts[0])) {  // "0429": typed without a separator
      parts = [parts[0].slice(0, 2), parts[0].slice(2)];
    }
    if (parts.length !== 2 || !/^\d+$/.test(parts[0]) || !/^\d+$/.test(parts[1])) {
      return words.messageExpiryInvalid;
    }
    var month = Number(parts[0]), year = Number(parts[1]);
    if (year < 100) year += 2000;
    if (month < 1 || month > 12) return words.messageExpiryInvalid;
    var now = new Date();
    if (year < now.getFullYear() || (year === now.getFullYear() && month < now.getMonth() + 1)) {
      return words.messageExpired;
    }
    return "";
  }
  // The card number in groups as it is typed or pasted (American Express and Diners Club 4-6-5, others
  // in fours), the caret staying after the same digit; and the card's brand named beside it as soon as
  // its first digits say it (the table is orders/payments.py CARD_BRANDS, written out by the page).
  var brands = JSON.parse(document.getElementById("card-brands").textContent);
  var numberInput = form.elements.card_number;
  var brandOutput = form.querySelector("[data-card-brand]");
  var typedBefore = numberInput.value;
  var brandShown = brandOutput.textContent.replace(words.cardTypeText, "");

  function brandOf(number) {
    for (var i = 0; i < brands.length; i++) {
      var found = brands[i][1].some(function (range) {
        var prefix = number.slice(0, range[0].length);
        return prefix.length === range[0].length && range[0] <= prefix && prefix <= range[1];
      });
      if (found) return brands[i][0];
    }
    return "";
  }
  function grouped(number, brand) {
    var sizes = brand === "American Express" || brand === "Diners Club" ? [4, 6, 5] : [4, 4, 4, 4, 3];
    var groups = [], start = 0;
    sizes.forEach(function (size) {
      if (start < number.length) groups.push(number.slice(start, start + size));
      start += size;
    });
    if (number.length > start) groups.push(number.slice(start));
    return groups.join(" ");
  }
  function showBrand(brand) {
    if (brand === brandShown) return;  // the live region speaks only when the brand changes
    brandShown = brand;
    brandOutput.textContent = "";
    if (!brand) return;
    var spoken = document.createElement("span");
    spoken.className = "visually-hidden";
    spoken.textContent = words.cardTypeText;
    brandOutput.append(spoken, brand);
  }
  numberInput.addEventListener("input", function (event) {
    var typed = numberInput.value;
    if (/[^\d\s-]/.test(typed)) {  // not a number being typed: left as it is, for the check to point out
      typedBefore = typed;
      return showBrand("");
    }
    var caret = numberInput.selectionStart === null ? typed.length : numberInput.selectionStart;
    var digitsBeforeCaret = digits(typed.slice(0, caret)).length;
    var number = digits(typed);
    // Deleting a space deletes the digit beside it: otherwise the space would come back at once and the
    // caret could never get past it.
    if (number === digits(typedBefore) && typed.length < typedBefore.length) {
      var at = event.inputType === "deleteContentForward" ? digitsBeforeCaret : digitsBeforeCaret - 1;
      if (at >= 0) number = number.slice(0, at) + number.slice(at + 1);
      digitsBeforeCaret = Math.min(digitsBeforeCaret, at >= 0 ? at : 0);
    }
    var brand = brandOf(number);
    var formatted = grouped(number, brand);
    if (formatted !== typed) {
      numberInput.value = formatted;
      if (document.activeElement === numberInput) {
        var position = 0;
        for (var seen = 0; position < formatted.length && seen < digitsBeforeCaret; position++) {
          if (formatted[position] !== " ") seen++;
        }
        numberInput.setSelectionRange(position, position);
      }
    }
    typedBefore = formatted;
    showBrand(brand);
  });

  var checks = {
    card_number: function (value) {
      var number = digits(value);
      if (!number) return words.messageNumberMissing;
      if (!/^\d{12,19}$/.test(number) || !luhnValid(number)) return words.messageNumberInvalid;
      return "";
    },
    card_name: function (value) { return value.trim() ? "" : words.messageNameMissing; },
    card_expiry: expiryProblem,
    card_security_code: function (value) {
      return /^\d{3,4}$/.test(value.trim()) ? "" : words.messageSecurityCodeInvalid;
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
    summary.innerHTML = '<h2 id="error-summary-title"></h2><ul></ul>';
    summary.querySelector("h2").textContent = words.summaryTitle;
    problems.forEach(function (problem) {
      var link = document.createElement("a");
      link.href = "#" + problem.id;
      link.textContent = problem.text;
      var item = document.createElement("li");
      item.appendChild(link);
      summary.querySelector("ul").appendChild(item);
    });
    if (document.title.indexOf(words.errorPrefix) !== 0) document.title = words.errorPrefix + document.title;
    summary.focus();
  }
})();
