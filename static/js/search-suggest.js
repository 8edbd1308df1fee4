// The header search box as a WAI-ARIA 1.2 combobox. htmx fills the listbox with suggestions as the
// shopper types (templates/shop/_search_suggestions.html); this file shows and hides it and moves
// through its options by keyboard while focus stays in the box (aria-activedescendant).
// Without this file the search form simply submits to the results page.
(function () {
  "use strict";
  var input = document.getElementById("search-q");
  var listbox = document.getElementById("search-suggestions");
  if (!input || !listbox) return;
  var form = input.form;
  var active = -1;

  function options() {
    return Array.prototype.slice.call(listbox.querySelectorAll('[role="option"]'));
  }

  function setActive(index) {
    options().forEach(function (option, position) {
      var isActive = position === index;
      option.classList.toggle("is-active", isActive);
      if (isActive) {
        option.setAttribute("aria-selected", "true");
        option.scrollIntoView({ block: "nearest" });
      } else {
        option.removeAttribute("aria-selected");
      }
    });
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options()[index].id);
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function close() {
    setActive(-1);
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
  }

  function open() {
    if (options().length === 0) {
      close();
      return;
    }
    listbox.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  // Fresh suggestions: none is active yet. They open only if the shopper is still in the box.
  listbox.addEventListener("htmx:afterSwap", function () {
    setActive(-1);
    if (document.activeElement === input) open(); else close();
  });

  input.addEventListener("keydown", function (event) {
    var count = options().length;
    if ((event.key === "ArrowDown" || event.key === "ArrowUp") && count > 0) {
      event.preventDefault(); // the caret stays where it is
      open();
      var next = event.key === "ArrowDown" ? active + 1 : active - 1;
      if (next >= count) next = 0; // past the last option, round to the first
      if (next < 0) next = count - 1; // and from the box upwards to the last
      setActive(next);
    } else if (event.key === "Enter" && active >= 0 && !listbox.hidden) {
      event.preventDefault(); // follow the chosen suggestion instead of searching for the typed text
      options()[active].click();
    } else if (event.key === "Escape" && !listbox.hidden) {
      event.preventDefault(); // Escape closes the list only; what was typed stays
      close();
    } else if (event.key === "Tab") {
      close();
    }
  });

  // A click anywhere else closes the suggestions; a click on one follows its link.
  document.addEventListener("click", function (event) {
    if (!form.contains(event.target)) close();
  });
})();
