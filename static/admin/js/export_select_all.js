// The export page's "select all" box (django-import-export), wired here rather than in an
// onchange attribute, which the Content-Security-Policy does not run.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input.select-toggle").forEach((box) => {
    box.addEventListener("change", (event) => onSelectToggleChange(event));
  });
});
