import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createMailer } from './index.js';
import { parseMime, startSmtp } from './testing.js';

let smtp: Awaited<ReturnType<typeof startSmtp>>;
before(async () => {
  smtp = await startSmtp();
});
after(() => smtp.close());

test('no SMTP_URL: no mailer, callers skip email', () => {
  assert.equal(createMailer({ smtpUrl: null, mailFrom: 'x@example.org' }), null);
});

test('sends a plain-text email through a real SMTP server', async () => {
  const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'Préau <ne-pas-repondre@ecole.example>' });
  assert.ok(mailer, 'a mailer when SMTP is configured');
  try {
    await mailer.send({ to: 'parent@example.org', subject: 'Nouveau message — École', text: 'Bonjour,\nvous avez un nouveau message.' });
  } finally {
    mailer.close();
  }
  assert.equal(smtp.received.length, 1);
  const mail = smtp.received[0]!;
  assert.equal(mail.from, 'ne-pas-repondre@ecole.example');
  assert.deepEqual(mail.to, ['parent@example.org']);
  assert.match(mail.raw, /^Subject: /m);
  assert.match(mail.raw, /vous avez un nouveau message/);
});

test('a relay that refuses makes send() reject, so a queue can retry', async () => {
  const mailer = createMailer({ smtpUrl: 'smtp://127.0.0.1:1', mailFrom: 'x@example.org' });
  assert.ok(mailer, 'mailer built');
  try {
    await assert.rejects(mailer.send({ to: 'a@example.org', subject: 's', text: 't' }));
  } finally {
    mailer.close();
  }
});

test('an HTML alternative and the automatic headers: multipart/alternative, RFC 3834, RFC 8058', async () => {
  const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'Préau <ne-pas-repondre@ecole.example>' });
  assert.ok(mailer, 'a mailer when SMTP is configured');
  const unsubscribeUrl = `https://ent.example.org/messaging/unsubscribe/${'a'.repeat(90)}`;
  smtp.received.length = 0;
  try {
    await mailer.send({ to: 'parent@example.org', subject: 'Avis', text: 'Texte brut, été.', html: '<p>Texte <b>HTML</b>, été.</p>', unsubscribeUrl });
    await mailer.send({ to: 'parent@example.org', subject: 'Sans lien', text: 'Seul.' });
    await assert.rejects(mailer.send({ to: 'parent@example.org', subject: 'x', text: 'x', unsubscribeUrl: 'https://x.example/a>\r\nBcc: eve@example.org' }));
  } finally {
    mailer.close();
  }
  assert.equal(smtp.received.length, 2);
  const mail = parseMime(smtp.received[0]!.raw);
  assert.equal(mail.type, 'multipart/alternative');
  assert.deepEqual(
    mail.parts.map((p) => [p.type, p.body.trim()]),
    [
      ['text/plain', 'Texte brut, été.'],
      ['text/html', '<p>Texte <b>HTML</b>, été.</p>'],
    ],
  );
  assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
  assert.equal(mail.headers.get('list-unsubscribe'), `<${unsubscribeUrl}>`);
  assert.equal(mail.headers.get('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
  const plain = parseMime(smtp.received[1]!.raw);
  assert.equal(plain.type, 'text/plain');
  assert.equal(plain.headers.get('auto-submitted'), 'auto-generated');
  assert.equal(plain.headers.has('list-unsubscribe'), false);
});
