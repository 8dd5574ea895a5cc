/* Before the page is drawn: say that scripts run, so the navigation is drawn folded on a
   phone from the start (static/js/site.js unfolds it); nothing moves once the page is up. */
document.documentElement.classList.add("js");
