/* The e-Urząd service worker. Served at /sw.js by eurzad.pwa.views.service_worker, which
   puts the town's configuration (EURZAD_PWA: version, what to precache, which paths are
   private) above this code.

   - precache: the offline page and the static files it needs;
   - pages: network first; without a network, a public page seen before (only as an
     anonymous visitor saw it) or the offline page;
   - the resident's obligations page, fetched online, is kept as a snapshot in this
     browser's Cache Storage only (the server marks it private, no-store, so no shared
     cache holds it); the offline page shows it. It is deleted on logout and whenever
     the pages say someone else, or nobody, is logged in (see pwa.js);
   - Web Push: shows the notification sent by the push service, opens its link. */
/* global EURZAD_PWA */
"use strict";

var CONFIG = EURZAD_PWA;
var STATIC_CACHE = "eurzad-static-" + CONFIG.version;
var PAGES_CACHE = "eurzad-pages-v1";
var PERSONAL_CACHE = "eurzad-personal-v1";
var SNAPSHOT_KEY = "/pwa/kopia/zobowiazania";
var ACCOUNT_META = /<meta\s+name="eurzad-account"\s+content="([^"]*)"/;
var MAX_PUBLIC_PAGES = 30;

function forgetPersonalData() {
  return caches.delete(PERSONAL_CACHE);
}

function isOneOf(pathname, paths) {
  return paths.indexOf(pathname) !== -1;
}

function isPrivate(pathname) {
  return CONFIG.privatePrefixes.some(function (prefix) { return pathname.indexOf(prefix) === 0; });
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(STATIC_CACHE).then(function (cache) {
      // Without credentials: the precached offline page is the anonymous one.
      return cache.addAll(CONFIG.precache.map(function (url) {
        return new Request(url, { credentials: "omit", cache: "reload" });
      }));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("eurzad-static-") === 0 && name !== STATIC_CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("message", function (event) {
  if (event.data && event.data.type === "eurzad-forget-personal-data") {
    event.waitUntil(forgetPersonalData());
  }
});

function saveSnapshot(response) {
  return response.text().then(function (html) {
    var match = ACCOUNT_META.exec(html);
    if (!match || !match[1]) { return undefined; }  // not a logged-in page after all
    var snapshot = new Response(html, {
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        "X-Eurzad-Saved-At": new Date().toISOString(),
        "X-Eurzad-Account": match[1]
      }
    });
    return caches.open(PERSONAL_CACHE).then(function (cache) {
      return cache.put(SNAPSHOT_KEY, snapshot);
    });
  });
}

function savePublicPage(request, response) {
  // Only what an anonymous visitor sees: a logged-in person's copy of a public page
  // shows their name in the header.
  return response.text().then(function (html) {
    var match = ACCOUNT_META.exec(html);
    if (!match || match[1] !== "") { return undefined; }
    return caches.open(PAGES_CACHE).then(function (cache) {
      return cache.put(request.url, new Response(html, {
        headers: { "Content-Type": "text/html; charset=utf-8" }
      })).then(function () {
        return cache.keys();
      }).then(function (keys) {
        return Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_PUBLIC_PAGES)).map(function (key) {
          return cache.delete(key);
        }));
      });
    });
  });
}

function offlinePage() {
  return caches.match(CONFIG.offlineUrl, { cacheName: STATIC_CACHE }).then(function (page) {
    return page || Response.error();
  });
}

function handleNavigation(event, url) {
  var request = event.request;
  return fetch(request).then(function (response) {
    var plain = response.status === 200 && response.type === "basic" && !response.redirected;
    var html = (response.headers.get("Content-Type") || "").indexOf("text/html") === 0;
    if (plain && html && isOneOf(url.pathname, CONFIG.obligationsPaths)) {
      event.waitUntil(saveSnapshot(response.clone()));
    } else if (plain && html && !isPrivate(url.pathname) && url.pathname !== CONFIG.offlineUrl) {
      event.waitUntil(savePublicPage(request, response.clone()));
    }
    return response;
  }).catch(function () {
    if (isPrivate(url.pathname)) { return offlinePage(); }
    return caches.match(request.url, { cacheName: PAGES_CACHE }).then(function (page) {
      return page || offlinePage();
    });
  });
}

function handleStatic(request) {
  return caches.match(request).then(function (cached) {
    if (cached) { return cached; }
    return fetch(request).then(function (response) {
      if (response.ok && response.type === "basic") {
        var copy = response.clone();
        caches.open(STATIC_CACHE).then(function (cache) { return cache.put(request, copy); });
      }
      return response;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate" && isOneOf(url.pathname, CONFIG.logoutPaths)) {
    event.waitUntil(forgetPersonalData());
    return;  // the logout itself goes to the network untouched
  }
  if (request.method !== "GET") { return; }
  if (request.mode === "navigate") {
    event.respondWith(handleNavigation(event, url));
  } else if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(handleStatic(request));
  }
  // Everything else (API calls, media, the manifest): the network, as without us.
});

/* Web Push: the payload is JSON {"title", "body", "link", "data"} (see
   eurzad.notifications.push). */
function sameOriginLink(link) {
  try {
    var target = new URL(link || "/konto/", self.location.origin);
    return target.origin === self.location.origin ? target.href : new URL("/konto/", self.location.origin).href;
  } catch (error) {
    return new URL("/konto/", self.location.origin).href;
  }
}

self.addEventListener("push", function (event) {
  var message = {};
  if (event.data) {
    try { message = event.data.json() || {}; } catch (error) { message = { body: event.data.text() }; }
  }
  var title = typeof message.title === "string" && message.title ? message.title : "e-Urząd";
  var icon = CONFIG.precache.filter(function (url) { return url.indexOf("/pwa/ikona-") === 0; })[0];
  event.waitUntil(self.registration.showNotification(title, {
    body: typeof message.body === "string" ? message.body : "",
    icon: icon,
    lang: "pl",
    data: { link: sameOriginLink(message.link), data: message.data || null }
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var link = sameOriginLink(event.notification.data && event.notification.data.link);
  event.waitUntil(self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (windows) {
    for (var i = 0; i < windows.length; i += 1) {
      if (windows[i].url === link && "focus" in windows[i]) { return windows[i].focus(); }
    }
    return self.clients.openWindow ? self.clients.openWindow(link) : undefined;
  }));
});
