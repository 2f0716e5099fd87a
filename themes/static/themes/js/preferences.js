/* The visitor's display preferences (high contrast, text size), applied before the page
   is first painted: loaded without defer at the top of <head>. eurzad.js adds the
   switches that change them. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");  /* what folds away needs a script to open it */
  try {
    var root = document.documentElement;
    if (localStorage.getItem("eurzad-contrast") === "1") { root.classList.add("high-contrast"); }
    var size = localStorage.getItem("eurzad-text-size");
    if (size === "1" || size === "2") { root.classList.add("text-size-" + size); }
  } catch (e) { /* storage unavailable (private mode): default display */ }
})();
