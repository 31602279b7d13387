/**
 * The lesson form's one script: it checks each chosen file against the size limit before the form
 * is sent, so a 25 MB video is refused at once instead of after its upload. The limit and the
 * French message come from the page (`data-max-bytes`, `data-too-large`); without JavaScript the
 * server gives the same answer.
 */
export const LESSON_FORM_JS = `(function () {
  var input = document.querySelector('input[type=file][data-max-bytes]');
  if (!input) return;
  var max = Number(input.getAttribute('data-max-bytes'));
  var field = input.closest('.field');
  function tooLarge() {
    for (var i = 0; i < input.files.length; i++) if (input.files[i].size > max) return input.files[i];
    return null;
  }
  function show(file) {
    var error = document.getElementById('field-files-error');
    if (!file) {
      if (error) error.remove();
      field.classList.remove('field--error');
      input.removeAttribute('aria-invalid');
      input.setAttribute('aria-describedby', 'field-files-hint');
      return;
    }
    if (!error) {
      error = document.createElement('p');
      error.id = 'field-files-error';
      error.className = 'field__error';
      error.setAttribute('role', 'alert');
      input.parentNode.insertBefore(error, input);
    }
    error.textContent = input.getAttribute('data-too-large').replace('{name}', file.name);
    field.classList.add('field--error');
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', 'field-files-hint field-files-error');
  }
  input.addEventListener('change', function () { show(tooLarge()); });
  input.form.addEventListener('submit', function (event) {
    var file = tooLarge();
    if (!file) return;
    event.preventDefault();
    show(file);
    input.focus();
  });
})();
`;
