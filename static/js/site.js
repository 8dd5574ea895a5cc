/* The site's one script; every page works without it.
   On a narrow screen, the main navigation folds behind a "Menu" button. */
(function () {
  "use strict";
  var nav = document.getElementById("primary-nav");
  var button = document.getElementById("nav-toggle");
  if (!nav || !button) return;
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
