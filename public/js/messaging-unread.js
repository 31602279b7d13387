// Polls the unread count every minute; without JavaScript a reload shows it.
(function () {
  var last = null;
  setInterval(function () {
    fetch('/api/messaging/unread').then(function (r) { return r.ok ? r.json() : null; }).then(function (d) {
      if (!d || d.unread === last) return;
      var n = last = d.unread, els = document.querySelectorAll('[data-unread]');
      els.forEach(function (e) { e.textContent = n; });
      var a = document.querySelector('a.service-messaging'), s = a && a.querySelector('.nav-count');
      if (!a) return;
      if (!n) return s && s.remove();
      if (!s) { s = document.createElement('span'); s.className = 'nav-count'; a.appendChild(s); }
      s.textContent = ' ' + (n > 99 ? '99+' : n);
      var h = document.createElement('span');
      h.className = 'visually-hidden';
      h.textContent = ' ' + (els[0] ? els[0].getAttribute(n === 1 ? 'data-label-one' : 'data-label') : '');
      s.appendChild(h);
    }, function () {});
  }, 60000);
})();
