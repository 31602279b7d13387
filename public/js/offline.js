// Registers the service worker (pages readable offline, "fait" ticks sent when back online).
// Without it, or without JavaScript, every page works as before.
(function () {
  var sw = navigator.serviceWorker;
  if (!sw || !window.isSecureContext) return;
  sw.register('/sw.js', { scope: '/' }).catch(function () {});
  function sync() {
    if (navigator.onLine && sw.controller) sw.controller.postMessage({ type: 'sync' });
  }
  window.addEventListener('online', sync);
  sw.ready.then(sync);
})();
