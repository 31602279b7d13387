// Préau's service worker: a few of the signed-in person's pages readable offline (network first,
// the last copy when the network fails), "fait" ticks queued offline, nothing kept across people.
// Served at /sw.js by the offline module, which fills in the French strings below.
'use strict';
var S = /* strings */ {};
var META = 'preau-meta';
var PAGES = 'preau-pages-';
var QUEUE = 'preau-queue';
var STATIC = 'preau-static';
// Pages kept for offline reading: home (today's timetable), agenda, week, inbox, messages read.
var KEPT = [/^\/$/, /^\/homework\/agenda$/, /^\/timetable$/, /^\/messaging$/, /^\/messaging\/messages\/[0-9a-f-]+$/];
var TICK = /^\/homework\/assignments\/[0-9a-f-]+\/done$/;
var MAX_AGE = 14 * 86400000;
var MAX_PAGES = 40;


self.addEventListener('install', function () {
  self.skipWaiting();
});
self.addEventListener('activate', function (e) {
  e.waitUntil(self.clients.claim());
});

self.addEventListener('message', function (e) {
  var type = e.data && e.data.type;
  if (type === 'clear') e.waitUntil(clearAll());
  if (type === 'sync') e.waitUntil(flush().then(refresh));
});
self.addEventListener('sync', function (e) {
  if (e.tag === 'preau-queue') e.waitUntil(flush());
});

// Web Push: a notice pushed by the server (already encrypted for this device), opened on a tap.
self.addEventListener('push', function (e) {
  var data = {};
  try { data = e.data ? e.data.json() : {}; } catch (err) { data = {}; }
  e.waitUntil(self.registration.showNotification(data.title || 'Préau', { body: data.body || '', lang: 'fr', icon: '/icons/icon-192.png', data: { link: data.link || '/' } }));
});
self.addEventListener('notificationclick', function (e) {
  e.notification.close();
  var link = (e.notification.data && e.notification.data.link) || '/';
  if (link.charAt(0) !== '/' || link.charAt(1) === '/') link = '/';
  e.waitUntil(self.clients.openWindow(link));
});

self.addEventListener('fetch', function (e) {
  var req = e.request;
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.method === 'POST' && url.pathname === '/logout') return e.respondWith(leave().then(function () { return fetch(req); }));
  if (req.method === 'POST' && TICK.test(url.pathname)) return e.respondWith(tick(req));
  if (req.method !== 'GET') return;
  if (url.pathname.indexOf('/static/') === 0 && url.searchParams.has('v')) return e.respondWith(asset(req));
  if (req.mode === 'navigate') e.respondWith(page(req, KEPT.some(function (r) { return r.test(url.pathname); })));
});

// --- who the pages belong to -------------------------------------------------------------------

function getPerson() {
  return caches.open(META).then(function (c) { return c.match('/__preau/person'); }).then(function (r) { return r ? r.text() : ''; });
}

// A new person (or nobody) on this device: everybody else's pages and ticks go.
function setPerson(who) {
  return getPerson().then(function (prev) {
    if (prev === who) return;
    return caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) { return n.indexOf(PAGES) === 0 && n !== PAGES + who; }).map(function (n) { return caches.delete(n); }));
    }).then(function () { return caches.delete(QUEUE); }).then(function () {
      return caches.open(META).then(function (c) { return c.put('/__preau/person', new Response(who)); });
    });
  });
}

// Signing out on a shared device: no page, no tick and no notice is left for the next person.
function leave() {
  var push = self.registration.pushManager;
  return (push ? push.getSubscription().then(function (sub) { return sub && sub.unsubscribe(); }).catch(function () {}) : Promise.resolve()).then(clearAll);
}

function clearAll() {
  return caches.keys().then(function (names) { return Promise.all(names.map(function (n) { return caches.delete(n); })); });
}

// --- pages ---------------------------------------------------------------------------------------

function page(req, kept) {
  return flush().then(function () {
    return fetch(req).then(function (res) {
      if (res.type !== 'basic') return res; // a redirect: nothing to learn from it
      var who = res.headers.get('x-preau-person') || '';
      return setPerson(who).then(function () {
        if (kept && who && res.status === 200) return keep(who, req.url, res.clone()).then(function () { return res; });
        return res;
      });
    }, function () {
      return (kept ? fromCache(req.url) : Promise.resolve(null)).then(function (cached) { return cached || offlinePage(); });
    });
  });
}

function keep(who, url, res) {
  return res.text().then(function (html) {
    return caches.open(PAGES + who).then(function (c) {
      var copy = new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', 'x-preau-saved': String(Date.now()) } });
      return c.put(url, copy).then(function () { return c.keys(); }).then(function (keys) {
        // Oldest first: the cache keeps its insertion order, a page put again moves to the end.
        return Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_PAGES)).map(function (k) { return c.delete(k); }));
      });
    });
  });
}

// Only the person who kept a page gets it back, and only for two weeks.
function fromCache(url) {
  return getPerson().then(function (who) {
    if (!who) return null;
    return caches.has(PAGES + who).then(function (has) {
      if (!has) return null;
      return caches.open(PAGES + who).then(function (c) {
        return c.match(url).then(function (res) {
          if (!res) return null;
          var saved = Number(res.headers.get('x-preau-saved'));
          if (!(Date.now() - saved < MAX_AGE)) return c.delete(url).then(function () { return null; });
          return Promise.all([res.text(), queued()]).then(function (v) { return withBanner(v[0], saved, v[1]); });
        });
      });
    });
  });
}

function withBanner(html, saved, pending) {
  var when = new Date(saved).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });
  var text = S.banner.replace('{date}', when) + (pending ? ' ' + (pending === 1 ? S.queuedOne : S.queued.replace('{n}', pending)) : '');
  var banner = '<p class="flash offline-banner" role="status" data-offline-saved="' + saved + '">' + escapeHtml(text) + '</p>';
  var out = html.replace(/(<main\b[^>]*>)/, '$1' + banner);
  return new Response(out, { headers: { 'content-type': 'text/html; charset=utf-8' } });
}

function offlinePage() {
  var links = [['/homework/agenda', S.agenda], ['/timetable', S.timetable], ['/messaging', S.messaging]]
    .map(function (l) { return '<li><a href="' + l[0] + '">' + escapeHtml(l[1]) + '</a></li>'; }).join('');
  var html = '<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<title>' + escapeHtml(S.title) + '</title></head><body><main id="main"><h1>' + escapeHtml(S.title) + '</h1><p>' + escapeHtml(S.unavailable) +
    '</p><ul>' + links + '</ul></main></body></html>';
  return new Response(html, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; });
}

// Fingerprinted files never change: the copy kept serves them offline.
function asset(req) {
  return caches.open(STATIC).then(function (c) {
    return c.match(req).then(function (hit) {
      return hit || fetch(req).then(function (res) {
        if (res.ok) c.put(req, res.clone());
        return res;
      });
    });
  });
}

// --- "fait" ticks made offline ------------------------------------------------------------------

function tick(req) {
  var copy = req.clone();
  return fetch(req).catch(function () {
    return Promise.all([copy.text(), getPerson()]).then(function (v) {
      if (!v[1]) return offlinePage();
      var item = { url: req.url, body: v[0], who: v[1] };
      return caches.open(QUEUE).then(function (q) {
        return q.put('/__preau/queue/' + Date.now() + '-' + Math.random().toString(36).slice(2), new Response(JSON.stringify(item)));
      }).then(function () {
        if (self.registration.sync) self.registration.sync.register('preau-queue').catch(function () {});
        var back = req.referrer && new URL(req.referrer).origin === self.location.origin ? req.referrer : '/homework/agenda';
        return Response.redirect(back, 303);
      });
    });
  });
}

function queued() {
  return caches.open(QUEUE).then(function (q) { return q.keys(); }).then(function (k) { return k.length; });
}

// Sends the queued ticks in order, each with the form's own CSRF token, as the form would have.
var flushing = null;
function flush() {
  if (flushing) return flushing;
  flushing = Promise.all([caches.open(QUEUE), getPerson()]).then(function (v) {
    var q = v[0];
    return q.keys().then(function (keys) {
      return keys.reduce(function (chain, key) {
        return chain.then(function () {
          return q.match(key).then(function (r) { return r.json(); }).then(function (item) {
            if (item.who !== v[1]) return q.delete(key);
            var init = { method: 'POST', body: item.body, credentials: 'same-origin', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
            // Sent (or refused, say for an ended session): forgotten. Still offline: kept for later.
            return fetch(item.url, init).then(function () { return q.delete(key); });
          });
        });
      }, Promise.resolve());
    });
  }).catch(function () {}).then(function () { flushing = null; });
  return flushing;
}

// Back online: the kept pages are fetched again so the copy stays fresh.
function refresh() {
  return getPerson().then(function (who) {
    if (!who) return;
    return caches.open(PAGES + who).then(function (c) {
      return c.keys().then(function (keys) {
        return Promise.all(keys.map(function (k) {
          return c.match(k).then(function (kept) {
            // A copy younger than ten minutes is fresh enough: no request for it.
            if (kept && Date.now() - Number(kept.headers.get('x-preau-saved')) < 600000) return null;
            return fetch(k.url, { credentials: 'same-origin', redirect: 'manual' });
          }).then(function (res) {
            if (!res) return;
            if (res.type !== 'basic') return c.delete(k);
            var now = res.headers.get('x-preau-person') || '';
            if (now !== who) return setPerson(now);
            if (res.status === 200) return keep(who, k.url, res);
          });
        }));
      });
    });
  }).catch(function () {});
}
