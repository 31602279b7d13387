// The text of an email notice and its HTML alternative, written from the same data: what one
// says, the other says. The HTML is small and self-contained (no image, no stylesheet, no
// external resource), and everything that comes from a message or a person is escaped.
import type { Mail } from '../../kernel/mail/index.js';
import { htmlToText } from './body.js';
import { t } from './i18n/fr.js';

const EXCERPT = 400;

/** A notice is of a message, or of another service's notification (news, cahier de liaison, blog…). */
export type NoticeItem =
  { kind: 'message'; from: string; subject: string; bodyHtml: string } | { kind: 'notification'; title: string; body: string | null; url: string };

export interface NoticeInput {
  items: NoticeItem[];
  /** A pupil's notice never carries the content, not even the subject. */
  pupil: boolean;
  /** The ENT's address: its messaging opens the messages. */
  publicUrl: string;
  unsubscribeUrl: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const paragraph = (s: string) => `<p>${escapeHtml(s).replace(/\n/g, '<br>')}</p>`;
const link = (href: string, label: string) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
const cut = (text: string) => {
  const part = text.slice(0, EXCERPT);
  return part + (part.length === EXCERPT ? '…' : '');
};

/** The subject, text and HTML of one notice (one message, one notification, or a digest of several). */
export function noticeMail(input: NoticeInput): Pick<Mail, 'subject' | 'text' | 'html' | 'unsubscribeUrl'> {
  const { items, pupil, publicUrl, unsubscribeUrl } = input;
  const first = items[0]!;
  const messagesOnly = items.every((i) => i.kind === 'message');
  const text = [t('messaging.mail.hello'), ''];
  const html = [paragraph(t('messaging.mail.hello'))];
  let readUrl = messagesOnly ? `${publicUrl}/messaging` : `${publicUrl}/`;
  let subject: string;
  if (items.length === 1 && first.kind === 'message') {
    subject = t('messaging.mail.subject.one', first.from);
    text.push(t('messaging.mail.notice', first.from));
    html.push(paragraph(t('messaging.mail.notice', first.from)));
    if (!pupil) {
      const excerpt = cut(htmlToText(first.bodyHtml));
      const subjectLine = `${t('messaging.field.subject')} : ${first.subject || t('messaging.noSubject')}`;
      text.push('', subjectLine, '', excerpt);
      html.push(paragraph(subjectLine), `<blockquote>${paragraph(excerpt)}</blockquote>`);
    }
  } else if (items.length === 1 && first.kind === 'notification') {
    subject = first.title;
    readUrl = first.url;
    text.push(t('messaging.mail.notification'), '', first.title);
    html.push(paragraph(t('messaging.mail.notification')), `<p><strong>${escapeHtml(first.title)}</strong></p>`);
    if (first.body) {
      text.push(cut(first.body));
      html.push(paragraph(cut(first.body)));
    }
  } else {
    subject = messagesOnly ? t('messaging.mail.subject.many', items.length) : t('messaging.mail.subject.news', items.length);
    const lead = messagesOnly ? t('messaging.mail.digest', items.length) : t('messaging.mail.digest.news', items.length);
    text.push(lead);
    html.push(paragraph(lead), '<ul>');
    for (const r of items) {
      if (r.kind === 'notification') {
        text.push(`- ${r.title} : ${r.url}`);
        html.push(`<li>${link(r.url, r.title)}</li>`);
        continue;
      }
      const subjectOf = r.subject || t('messaging.noSubject');
      const from = messagesOnly ? r.from : t('messaging.mail.messageFrom', r.from);
      text.push(pupil ? t('messaging.mail.itemNoSubject', from) : t('messaging.mail.item', from, subjectOf));
      html.push(`<li>${escapeHtml(pupil ? from : t('messaging.mail.entry', from, subjectOf))}</li>`);
    }
    html.push('</ul>');
  }
  text.push('', t('messaging.mail.read', readUrl), '', '--', t('messaging.mail.footer'), t('messaging.mail.unsubscribe', unsubscribeUrl));
  html.push(
    `<p>${escapeHtml(t('messaging.mail.readLead'))} : ${link(readUrl, readUrl)}</p>`,
    '<hr>',
    `<p style="font-size:small;color:#555">${escapeHtml(t('messaging.mail.footer'))}<br>${link(unsubscribeUrl, t('messaging.mail.unsubscribeLink'))}</p>`,
  );
  return {
    subject,
    text: text.join('\n'),
    html: [
      '<!doctype html>',
      '<html lang="fr"><head><meta charset="utf-8">',
      `<title>${escapeHtml(subject)}</title></head>`,
      '<body style="font-family:sans-serif;line-height:1.5">',
      ...html,
      '</body></html>',
    ].join('\n'),
    unsubscribeUrl,
  };
}
