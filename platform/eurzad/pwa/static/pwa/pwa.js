/* The e-Urząd as an installable app, on every page: registers the service worker,
   forgets the saved obligations when nobody or somebody else is logged in, and offers
   "install" where the browser allows it. Without service workers it does nothing. */
(function () {
  "use strict";
  var PERSONAL_CACHE = "eurzad-personal-v1";
  var SNAPSHOT_KEY = "/pwa/kopia/zobowiazania";

  function forgetPersonalData() {
    if (!("caches" in window)) { return Promise.resolve(false); }
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ type: "eurzad-forget-personal-data" });
    }
    return caches.delete(PERSONAL_CACHE);
  }

  /* The page says who is logged in (an opaque marker; empty: nobody). The offline page
     says nothing, and then nothing is decided. */
  function checkAccount() {
    var meta = document.querySelector('meta[name="eurzad-account"]');
    if (!meta || !("caches" in window)) { return Promise.resolve(); }
    var account = meta.getAttribute("content") || "";
    if (!account) { return forgetPersonalData(); }
    return caches.open(PERSONAL_CACHE).then(function (cache) {
      return cache.match(SNAPSHOT_KEY);
    }).then(function (snapshot) {
      if (snapshot && snapshot.headers.get("X-Eurzad-Account") !== account) {
        return forgetPersonalData();
      }
      return undefined;
    });
  }

  function register() {
    if (!("serviceWorker" in navigator) || !window.isSecureContext) { return; }
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {
      /* private mode or blocked by the user: the site works as a plain website */
    });
  }

  var installPrompt = null;
  function showInstallButtons() {
    document.querySelectorAll("[data-pwa-install]").forEach(function (button) {
      button.hidden = installPrompt === null;
    });
  }

  window.addEventListener("beforeinstallprompt", function (event) {
    if (!document.querySelector("[data-pwa-install]")) { return; }  // browser's own UI
    event.preventDefault();
    installPrompt = event;
    showInstallButtons();
  });
  window.addEventListener("appinstalled", function () {
    installPrompt = null;
    showInstallButtons();
  });

  document.addEventListener("DOMContentLoaded", function () {
    checkAccount().catch(function () { /* storage unavailable: nothing is saved either */ });
    register();
    document.querySelectorAll("[data-pwa-install]").forEach(function (button) {
      button.addEventListener("click", function () {
        if (!installPrompt) { return; }
        var prompt = installPrompt;
        installPrompt = null;
        showInstallButtons();
        prompt.prompt();
      });
    });
  });

  window.eurzadPwa = { forgetPersonalData: forgetPersonalData };
})();
