/* Reading ruler (line focus): a band follows the pointer, the focused field, or Alt+↑/↓; Escape hides it. */
(function () {
  var d = document;
  var ruler = d.createElement('div');
  ruler.className = 'reading-ruler';
  ruler.setAttribute('aria-hidden', 'true');
  ruler.hidden = true;
  d.body.appendChild(ruler);
  var y = 0;
  function at(next) {
    y = Math.max(0, Math.min(window.innerHeight, next));
    ruler.hidden = false;
    ruler.style.top = y - ruler.offsetHeight / 2 + 'px';
  }
  d.addEventListener('pointermove', function (e) { at(e.clientY); }, { passive: true });
  d.addEventListener('focusin', function (e) {
    var r = e.target.getBoundingClientRect();
    at(r.top + r.height / 2);
  });
  d.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') ruler.hidden = true;
    if (e.altKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      var step = parseFloat(getComputedStyle(d.body).lineHeight) || 24;
      at((ruler.hidden ? window.innerHeight / 3 : y) + (e.key === 'ArrowDown' ? step : -step));
    }
  });
})();
