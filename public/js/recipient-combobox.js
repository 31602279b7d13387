/* Recipient type-ahead (ARIA APG combobox, listbox popup): ↑/↓, Enter, Escape. The search button does the same without it. */
(function () {
  var input = document.getElementById('field-q');
  if (!input || !input.form || !window.fetch) return;
  var form = input.form;
  var at = function (el, k, v) { el.setAttribute(k, v); };
  var set = function (k, v) { input.setAttribute(k, v); };
  var data = function (k) { return input.getAttribute('data-' + k); };
  var url = data('recipients');
  var profiles = JSON.parse(data('profiles') || '{}');
  var list = document.createElement('ul');
  list.id = 'field-q-options';
  list.className = 'combobox__list';
  at(list, 'role', 'listbox');
  at(list, 'aria-label', data('list'));
  list.hidden = true;
  var status = document.createElement('p');
  status.className = 'visually-hidden';
  at(status, 'role', 'status');
  var field = input.closest('.field');
  field.appendChild(list);
  field.appendChild(status);
  set('role', 'combobox');
  set('aria-autocomplete', 'list');
  set('aria-expanded', 'false');
  set('aria-controls', list.id);
  set('autocomplete', 'off');
  var options = [];
  var active = -1;
  var asked = 0;
  var timer = 0;

  function chosen(token) {
    return !!form.querySelector('input:checked[value="' + token + '"]');
  }
  function close() {
    list.hidden = true;
    set('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }
  function highlight(i) {
    if (active >= 0) at(options[active].el, 'aria-selected', 'false');
    active = i;
    if (i < 0) return input.removeAttribute('aria-activedescendant');
    at(options[i].el, 'aria-selected', 'true');
    set('aria-activedescendant', options[i].el.id);
    options[i].el.scrollIntoView({ block: 'nearest' });
  }
  function show(found) {
    list.textContent = '';
    options = found.filter(function (o) { return !chosen(o.token); });
    options.forEach(function (o, i) {
      var li = document.createElement('li');
      li.id = 'field-q-option-' + i;
      li.className = 'combobox__option';
      at(li, 'role', 'option');
      at(li, 'aria-selected', 'false');
      li.textContent = o.label + (o.kind ? ' (' + o.kind + ')' : '');
      li.addEventListener('mousedown', function (e) { e.preventDefault(); });
      li.addEventListener('click', function () { pick(i); });
      o.el = li;
      list.appendChild(li);
    });
    active = -1;
    input.removeAttribute('aria-activedescendant');
    list.hidden = options.length === 0;
    set('aria-expanded', options.length ? 'true' : 'false');
    status.textContent = options.length ? data('count').replace('{n}', options.length) : data('none');
  }
  function ask() {
    var q = input.value.trim();
    var mine = ++asked;
    if (!q) return close();
    fetch(url + '?limit=8&q=' + encodeURIComponent(q), { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (mine !== asked || !data.people) return;
        var groups = data.groups.map(function (g) { return { token: g.token, label: g.label, kind: profiles.group }; });
        var people = data.people.map(function (p) { return { token: p.token, label: p.displayName, kind: profiles[p.profile] || '' }; });
        show(groups.concat(people));
      })
      .catch(close);
  }
  function pick(i) {
    var o = options[i];
    var box = form.querySelector('input[name="to"][value="' + o.token + '"]');
    if (!box) {
      var set0 = document.getElementById('field-to');
      var none = set0.querySelector('p.muted');
      if (none) none.remove();
      var row = document.createElement('div');
      row.className = 'field--check';
      row.innerHTML = '<input type="checkbox" name="to"><label></label>';
      box = row.firstChild;
      box.value = o.token;
      box.id = 'chosen-js-' + set0.querySelectorAll('input').length;
      row.lastChild.htmlFor = box.id;
      row.lastChild.textContent = o.label;
      set0.appendChild(row);
    }
    box.checked = true;
    input.value = '';
    close();
    status.textContent = data('added').replace('{name}', o.label);
    input.focus();
  }
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 200);
  });
  input.addEventListener('keydown', function (e) {
    var open = !list.hidden;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) {
        if (options.length) {
          list.hidden = false;
          set('aria-expanded', 'true');
        } else return ask();
      }
      var n = options.length;
      if (n) highlight(e.key === 'ArrowDown' ? (active + 1) % n : (active <= 0 ? n : active) - 1);
    } else if (e.key === 'Enter' && open && active >= 0) {
      e.preventDefault();
      pick(active);
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        close();
      } else input.value = '';
    }
  });
  input.addEventListener('blur', close);
})();
