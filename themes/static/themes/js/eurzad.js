/* Accessibility preferences (high contrast, text size) kept in this browser only, and
   the focus on a form's error summary. Works without it: the switches stay hidden. */
(function () {
  "use strict";
  var root = document.documentElement;
  function store(key, value) { try { localStorage.setItem(key, value); } catch (e) { /* private mode */ } }
  function read(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }

  function applyContrast(on) {
    root.classList.toggle("high-contrast", on);
    document.querySelectorAll("[data-contrast-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  function applyTextSize(size) {
    root.classList.remove("text-size-1", "text-size-2");
    if (size === "1" || size === "2") { root.classList.add("text-size-" + size); }
    document.querySelectorAll("[data-text-size]").forEach(function (button) {
      button.setAttribute("aria-pressed", button.getAttribute("data-text-size") === (size || "0") ? "true" : "false");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-a11y-tools]").forEach(function (tools) { tools.hidden = false; });
    applyContrast(read("eurzad-contrast") === "1");
    applyTextSize(read("eurzad-text-size") || "0");
    document.querySelectorAll("[data-contrast-toggle]").forEach(function (button) {
      button.addEventListener("click", function () {
        var on = !root.classList.contains("high-contrast");
        store("eurzad-contrast", on ? "1" : "0");
        applyContrast(on);
      });
    });
    document.querySelectorAll("[data-text-size]").forEach(function (button) {
      button.addEventListener("click", function () {
        var size = button.getAttribute("data-text-size");
        store("eurzad-text-size", size);
        applyTextSize(size);
      });
    });
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  });
})();
