/* The site's one script; every page works without it.
   On a narrow screen, the main navigation folds behind a "Menu" button. */
(function () {
  "use strict";
  // Long lists of filters fold on a phone, so that the results come first.
  if (window.matchMedia("(max-width: 50rem)").matches) {
    document.querySelectorAll("details[data-fold-on-phone]").forEach(function (details) {
      details.open = false;
    });
  }
  var nav = document.getElementById("primary-nav");
  var button = document.getElementById("nav-toggle");
  if (!nav || !button) return;
  document.documentElement.classList.add("js");
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", open ? "false" : "true");
    nav.classList.toggle("open", !open);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && nav.classList.contains("open")) {
      button.setAttribute("aria-expanded", "false");
      nav.classList.remove("open");
      button.focus();
    }
  });
})();
