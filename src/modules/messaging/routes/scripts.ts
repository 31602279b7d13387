import type { FastifyInstance } from 'fastify';

/**
 * The compose page's only script (progressive enhancement: without it the server says the same):
 * files over the size limit, or too many, are refused before the form is sent, with the message
 * under the field. Its words come from the page, in the page's language (`data-too-large` names the
 * file where it says `{name}`). Kept tiny: no framework, a few hundred bytes.
 */
export const COMPOSE_SCRIPT = `(function () {
  var input = document.querySelector('input[type=file][data-max-bytes]');
  if (!input) return;
  var form = input.form;
  var max = Number(input.getAttribute('data-max-bytes'));
  var most = Number(input.getAttribute('data-max-files'));
  var note = document.createElement('p');
  note.className = 'field__error';
  note.id = 'field-files-error';
  note.setAttribute('role', 'alert');
  function problem() {
    var files = input.files || [];
    if (files.length > most) return input.getAttribute('data-too-many');
    for (var i = 0; i < files.length; i++) if (files[i].size > max) return input.getAttribute('data-too-large').replace('{name}', function () { return files[i].name; });
    return '';
  }
  function check() {
    var text = problem();
    note.textContent = text;
    if (text && !note.parentNode) input.parentNode.insertBefore(note, input);
    if (!text && note.parentNode) note.parentNode.removeChild(note);
    input.setAttribute('aria-invalid', text ? 'true' : 'false');
    input.setAttribute('aria-describedby', text ? 'field-files-hint field-files-error' : 'field-files-hint');
    return !text;
  }
  input.addEventListener('change', check);
  form.addEventListener('submit', function (event) {
    if (!check()) {
      event.preventDefault();
      input.focus();
    }
  });
})();
`;

export const COMPOSE_SCRIPT_PATH = '/messaging/compose.js';

/** The messaging's scripts: public like every static asset (they hold nothing of anyone). */
export async function messagingScripts(app: FastifyInstance): Promise<void> {
  app.get(COMPOSE_SCRIPT_PATH, { schema: { hide: true } }, async (_request, reply) =>
    reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(COMPOSE_SCRIPT),
  );
}
