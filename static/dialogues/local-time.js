// Shows an event's time in the visitor's own time zone, when the browser tells it and it is
// not one of the zones the page already shows. The page reads fine without this script.
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!zone) return;
  var lang = document.documentElement.lang || undefined;
  var day = { weekday: "long", year: "numeric", month: "long", day: "numeric" };
  var clock = { hour: "numeric", minute: "2-digit" };
  function format(date, options) {
    return new Intl.DateTimeFormat(lang, Object.assign({ timeZone: zone }, options)).format(date);
  }
  function zoneName(date) {
    var parts = new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: "shortOffset" }).formatToParts(date);
    // "GMT-3" written as the page writes its zones: "UTC−3".
    for (var i = 0; i < parts.length; i++) {
      if (parts[i].type === "timeZoneName") return parts[i].value.replace(/^GMT/, "UTC").replace("-", "\u2212");
    }
    return zone;
  }
  document.querySelectorAll(".your-time[data-start]").forEach(function (node) {
    var shown = (node.getAttribute("data-shown") || "").split(" ");
    if (shown.indexOf(zone) !== -1) return;
    var start = new Date(node.getAttribute("data-start"));
    var end = new Date(node.getAttribute("data-end"));
    if (isNaN(start) || isNaN(end)) return;
    var sameDay = format(start, day) === format(end, day);
    var text = format(start, day) + ", " + format(start, clock) + " – " +
      (sameDay ? "" : format(end, day) + ", ") + format(end, clock) +
      " (" + (zone.indexOf("/") === -1 ? "" : zone.split("/").pop().replace(/_/g, " ") + ", ") +
      zoneName(start) + ")";
    node.textContent = (node.getAttribute("data-label") || "") + " " + text;
    node.hidden = false;
  });
})();
