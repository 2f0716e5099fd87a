/* The offline page: shows the obligations this browser saved when the resident last
   opened "Zobowiązania i raty" online (kept by the service worker in Cache Storage),
   with the time they were saved. The copy is our own page; only its tables and
   summaries are taken, without scripts, forms or links that need the network. */
(function () {
  "use strict";
  var PERSONAL_CACHE = "eurzad-personal-v1";
  var SNAPSHOT_KEY = "/pwa/kopia/zobowiazania";
  var DROPPED = "script, style, link, meta, form, button, iframe, object, embed, nav, .breadcrumbs, h1, .messages";

  function retryLink() {
    var link = document.querySelector("[data-offline-retry]");
    if (link && window.location.pathname !== "/offline/") {
      link.setAttribute("href", window.location.pathname + window.location.search);
    }
  }

  function when(savedAt) {
    var date = new Date(savedAt);
    if (isNaN(date.getTime())) { return null; }
    var text;
    try {
      text = new Intl.DateTimeFormat(document.documentElement.lang || "pl", {
        day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit"
      }).format(date);
    } catch (error) {
      text = date.toLocaleString();
    }
    return { iso: date.toISOString(), text: text };
  }

  function cleaned(html) {
    var source = new DOMParser().parseFromString(html, "text/html");
    var main = source.querySelector(".account__main") || source.querySelector("main");
    if (!main) { return null; }
    main.querySelectorAll(DROPPED).forEach(function (element) { element.remove(); });
    main.querySelectorAll("a").forEach(function (link) {  // no network: plain text
      var span = source.createElement("span");
      span.textContent = link.textContent;
      link.replaceWith(span);
    });
    main.querySelectorAll("*").forEach(function (element) {
      Array.prototype.slice.call(element.attributes).forEach(function (attribute) {
        var name = attribute.name.toLowerCase();
        if (name.indexOf("on") === 0 || name === "style" || name === "src" || name === "href") {
          element.removeAttribute(attribute.name);
        } else if (name === "id" || name === "aria-labelledby" || name === "aria-describedby" || name === "headers") {
          element.setAttribute(attribute.name, attribute.value.split(/\s+/).map(function (id) {
            return id ? "kopia-" + id : id;
          }).join(" "));
        }
      });
    });
    // One level down: the page's h2 "Zobowiązania…" is already above the copy.
    ["h5", "h4", "h3", "h2"].forEach(function (tag) {
      main.querySelectorAll(tag).forEach(function (heading) {
        var lower = source.createElement("h" + (Number(tag.charAt(1)) + 1));
        Array.prototype.slice.call(heading.attributes).forEach(function (attribute) {
          lower.setAttribute(attribute.name, attribute.value);
        });
        while (heading.firstChild) { lower.appendChild(heading.firstChild); }
        heading.replaceWith(lower);
      });
    });
    var fragment = document.createDocumentFragment();
    Array.prototype.slice.call(main.childNodes).forEach(function (node) {
      fragment.appendChild(document.importNode(node, true));
    });
    return fragment;
  }

  function showNone() {
    var none = document.querySelector("[data-offline-no-snapshot]");
    if (none) { none.hidden = false; }
  }

  function show() {
    var section = document.querySelector("[data-offline-snapshot]");
    if (!section) { return; }
    if (!("caches" in window)) { showNone(); return; }
    caches.open(PERSONAL_CACHE).then(function (cache) {
      return cache.match(SNAPSHOT_KEY);
    }).then(function (snapshot) {
      if (!snapshot) { showNone(); return undefined; }
      var saved = when(snapshot.headers.get("X-Eurzad-Saved-At"));
      return snapshot.text().then(function (html) {
        var content = cleaned(html);
        if (!content || !saved) { showNone(); return; }
        var time = section.querySelector("[data-offline-snapshot-time]");
        time.setAttribute("datetime", saved.iso);
        time.textContent = saved.text;
        section.querySelector("[data-offline-snapshot-body]").appendChild(content);
        section.hidden = false;
      });
    }).catch(showNone);
  }

  document.addEventListener("DOMContentLoaded", function () {
    retryLink();
    show();
  });
})();
