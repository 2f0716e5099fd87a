/* Accessibility preferences (high contrast, text size) kept in this browser only, the
   phone's menu button and the focus on a form's error summary. Works without it: the switches stay hidden. */
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

  /* The phone's menu button: opens and closes the search, the resident's bar and the menu;
     Escape closes it and gives the focus back to the button. */
  function setUpMenu() {
    var button = document.querySelector("[data-menu-toggle]");
    var menu = document.querySelector("[data-site-menu]");
    if (!button || !menu) { return; }
    var header = button.closest(".site-header");
    function show(open) {
      header.classList.toggle("site-header--menu-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      show(button.getAttribute("aria-expanded") !== "true");
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true" &&
          getComputedStyle(button).display !== "none") {
        show(false);
        button.focus();
      }
    });
  }

  /* Copy buttons (core/includes/copy_button.html): shown where the browser can copy. */
  function setUpCopyButtons() {
    if (!navigator.clipboard) { return; }
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var status = button.nextElementSibling;
        navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
          if (status) { status.textContent = button.getAttribute("data-copied"); }
        });
      });
    });
  }

  /* On a narrow screen a data table becomes one block per row, each cell labelled with
     its column's heading (the CSS of .table--stacks): the labels and, since a table
     drawn as blocks loses its table role in some browsers, the roles are set here. */
  function stackTables() {
    document.querySelectorAll("main table").forEach(function (table) {
      var head = table.tHead && table.tHead.rows[0];
      if (!head || table.classList.contains("table--wide")) { return; }
      var labels = [];
      Array.prototype.forEach.call(head.cells, function (cell) {
        var hidden = cell.querySelector(".visually-hidden");
        var label = hidden && hidden.textContent === cell.textContent ? "" : cell.textContent.trim();
        for (var span = 0; span < cell.colSpan; span++) { labels.push(label); }
        cell.setAttribute("role", "columnheader");
      });
      table.setAttribute("role", "table");
      Array.prototype.forEach.call(table.querySelectorAll("thead, tbody, tfoot"), function (group) {
        group.setAttribute("role", "rowgroup");
      });
      Array.prototype.forEach.call(table.rows, function (row) {
        row.setAttribute("role", "row");
        if (row.parentNode === table.tHead) { return; }
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          var isHeader = cell.tagName === "TH";
          cell.setAttribute("role", isHeader ? "rowheader" : "cell");
          if (cell.colSpan === 1 && labels[column] && !cell.hasAttribute("data-label")) {
            cell.setAttribute("data-label", labels[column]);
          }
          column += cell.colSpan;
        });
      });
      table.classList.add("table--stacks");
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
    setUpMenu();
    if (window.matchMedia("(max-width: 47.99rem)").matches) {
      document.querySelectorAll("details[data-fold-on-phone]").forEach(function (details) {
        details.open = false;
      });
    }
    setUpCopyButtons();
    stackTables();
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  });
})();
