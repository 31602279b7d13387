// Opting this device in or out of Web Push (the settings page under /notifications/push).
(function () {
  var button = document.getElementById('push-toggle');
  var status = document.getElementById('push-status');
  var sw = navigator.serviceWorker;
  if (!button || !status || !sw || !window.PushManager || !window.isSecureContext) return;
  var csrf = button.getAttribute('data-csrf');
  function say(key) { status.textContent = status.getAttribute('data-' + key); }
  function show(on) {
    button.textContent = button.getAttribute(on ? 'data-disable' : 'data-enable');
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
    button.hidden = false;
    say(on ? 'on' : 'off');
  }
  function call(method, url, body) {
    return fetch(url, { method: method, credentials: 'same-origin', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: body && JSON.stringify(body) })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.status === 204 ? null : r.json(); });
  }
  function key(b64) {
    var s = atob(b64.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((b64.length + 3) % 4));
    var out = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }
  sw.register('/sw.js', { scope: '/' }).then(function () { return sw.ready; }).then(function (reg) {
    return reg.pushManager.getSubscription().then(function (sub) {
      show(Boolean(sub));
      button.addEventListener('click', function () {
        button.disabled = true;
        reg.pushManager.getSubscription().then(function (current) {
          if (current) {
            return call('DELETE', '/api/offline/push/subscriptions', { endpoint: current.endpoint }).catch(function () {}).then(function () {
              return current.unsubscribe();
            }).then(function () { show(false); });
          }
          return call('GET', '/api/offline/push/key').then(function (k) {
            return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key(k.publicKey) });
          }).then(function (created) {
            return call('POST', '/api/offline/push/subscriptions', created.toJSON());
          }).then(function () { show(true); });
        }).catch(function () {
          say(Notification.permission === 'denied' ? 'denied' : 'failed');
        }).then(function () { button.disabled = false; });
      });
    });
  }).catch(function () {});
})();
