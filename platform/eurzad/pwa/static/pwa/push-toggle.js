/* "Powiadomienia w tej przeglądarce: włącz / wyłącz" (pwa/includes/push_toggle.html).
   Shown only where the browser has service workers, the Push API and notifications;
   anywhere else it stays hidden and nothing runs. Subscribing asks the office for its
   VAPID public key, subscribes through the service worker and sends the subscription
   ({endpoint, keys: {p256dh, auth}}) to the office; switching off removes it in both. */
(function () {
  "use strict";

  function supported() {
    return "serviceWorker" in navigator && "PushManager" in window &&
      "Notification" in window && window.isSecureContext;
  }

  function keyBytes(base64url) {
    var padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = window.atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) { bytes[i] = raw.charCodeAt(i); }
    return bytes;
  }

  function setUp(toggle) {
    var on = toggle.querySelector("[data-push-on]");
    var off = toggle.querySelector("[data-push-off]");
    var state = toggle.querySelector("[data-push-state]");
    var status = toggle.querySelector("[data-push-status]");
    var csrf = toggle.querySelector("input[name=csrfmiddlewaretoken]");
    var texts = {};
    var template = toggle.querySelector("template[data-push-messages]");
    if (template) {
      template.content.querySelectorAll("[data-message]").forEach(function (span) {
        texts[span.getAttribute("data-message")] = span.textContent;
      });
    }
    function say(key) { status.textContent = texts[key] || ""; }
    function show(subscribed) {
      on.setAttribute("aria-pressed", subscribed ? "true" : "false");
      off.setAttribute("aria-pressed", subscribed ? "false" : "true");
      state.textContent = texts[subscribed ? "on" : "off"] || "";
    }
    function busy(yes) {
      on.disabled = yes;
      off.disabled = yes;
      toggle.setAttribute("aria-busy", yes ? "true" : "false");
    }
    function send(method, body) {
      return fetch(toggle.getAttribute("data-subscription-url"), {
        method: method,
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          "Accept": "application/json",
          "X-CSRFToken": csrf ? csrf.value : "",
          "X-Requested-With": "XMLHttpRequest"
        },
        body: JSON.stringify(body)
      }).then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response;
      });
    }
    function registration() {
      return navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
        return navigator.serviceWorker.ready;
      });
    }

    function enable() {
      busy(true);
      say("working");
      Notification.requestPermission().then(function (permission) {
        if (permission !== "granted") { throw new Error("denied"); }
        return fetch(toggle.getAttribute("data-key-url"), {
          credentials: "same-origin", headers: { "Accept": "application/json" }
        });
      }).then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      }).then(function (key) {
        return registration().then(function (worker) {
          return worker.pushManager.subscribe({
            userVisibleOnly: true, applicationServerKey: keyBytes(key.publicKey)
          });
        });
      }).then(function (subscription) {
        var json = subscription.toJSON();
        return send("POST", { endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth } })
          .catch(function (error) {  // the office did not take it: do not leave it half on
            return subscription.unsubscribe().then(function () { throw error; });
          });
      }).then(function () {
        show(true);
        say("enabled");
      }).catch(function (error) {
        show(false);
        say(error && error.message === "denied" ? "denied" : "failed");
      }).then(function () { busy(false); });
    }

    function disable() {
      busy(true);
      say("working");
      registration().then(function (worker) {
        return worker.pushManager.getSubscription();
      }).then(function (subscription) {
        if (!subscription) { return undefined; }
        var endpoint = subscription.endpoint;
        return subscription.unsubscribe().then(function () {
          return send("DELETE", { endpoint: endpoint });
        });
      }).then(function () {
        show(false);
        say("disabled");
      }).catch(function () {
        say("failed");
      }).then(function () { busy(false); });
    }

    on.addEventListener("click", function () {
      if (on.getAttribute("aria-pressed") !== "true") { enable(); }
    });
    off.addEventListener("click", function () {
      if (off.getAttribute("aria-pressed") !== "true") { disable(); }
    });

    show(false);
    toggle.hidden = false;
    if (Notification.permission === "denied") { say("denied"); }
    navigator.serviceWorker.getRegistration("/").then(function (worker) {
      return worker ? worker.pushManager.getSubscription() : null;
    }).then(function (subscription) {
      show(Boolean(subscription) && Notification.permission === "granted");
    }).catch(function () { show(false); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!supported()) { return; }
    document.querySelectorAll("[data-push-toggle]").forEach(setUp);
  });
})();
