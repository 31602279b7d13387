import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToText, htmlToTypedText, richText, typedTextToHtml } from './rich-text.js';

test('typed text becomes paragraphs, lists, emphasis and links', () => {
  const html = typedTextToHtml(
    'Lire le **chapitre 3** pour *jeudi*.\nBien relire.\n\n- exercice 1\n- exercice 2\n\n1. lire\n2. résumer\n\nVoir https://fr.wikipedia.org/wiki/Volcan.',
  );
  assert.equal(
    html,
    '<p>Lire le <strong>chapitre 3</strong> pour <em>jeudi</em>.<br>Bien relire.</p>' +
      '<ul><li>exercice 1</li><li>exercice 2</li></ul>' +
      '<ol><li>lire</li><li>résumer</li></ol>' +
      '<p>Voir <a href="https://fr.wikipedia.org/wiki/Volcan">https://fr.wikipedia.org/wiki/Volcan</a>.</p>',
  );
});

test('what a person types is never markup: tags are shown as text', () => {
  assert.equal(richText('2 < 3 et 5 > 4 & "ok"'), '<p>2 &lt; 3 et 5 &gt; 4 &amp; "ok"</p>');
  assert.equal(richText('a*b*c et 3 * 4 * 5'), '<p>a*b*c et 3 * 4 * 5</p>');
});

test('HTML keeps only the small set, with safe links', () => {
  const html = richText(
    '<p onclick="x()">Bonjour <script>alert(1)</script><a href="javascript:alert(1)">x</a> <a href="https://exemple.fr">ici</a><img src=x onerror=y></p>',
  );
  assert.equal(html, '<p>Bonjour <a rel="noopener noreferrer nofollow">x</a> <a href="https://exemple.fr" rel="noopener noreferrer nofollow">ici</a></p>');
});

test('plain text of stored HTML', () => {
  assert.equal(htmlToText('<p>Un &amp; deux</p><ul><li>a</li><li>b</li></ul>'), 'Un & deux\n\na\n\nb');
  assert.equal(richText('   '), '');
});

test('stored HTML goes back to the typed form for editing, and round-trips', () => {
  const typed = 'Lire le **chapitre 3** pour *jeudi*.\n\n- exercice 1\n- exercice 2\n\n1. lire\n2. résumer\n\nVoir https://exemple.fr/a';
  assert.equal(htmlToTypedText(typedTextToHtml(typed)), typed);
  assert.equal(htmlToTypedText('<p><a href="https://exemple.fr">le site</a></p>'), 'le site (https://exemple.fr)');
});
