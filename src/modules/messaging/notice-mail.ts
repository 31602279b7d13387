// The text of an email notice and its HTML alternative, written from the same data: what one
// says, the other says. The HTML is small and self-contained (no image, no stylesheet, no
// external resource), and everything that comes from a message or a person is escaped.
import type { Mail } from '../../kernel/mail/index.js';
import { htmlToText } from './body.js';
import { t } from './i18n/fr.js';

const EXCERPT = 400;

export interface NoticeItem {
  from: string;
  subject: string;
  bodyHtml: string;
}

export interface NoticeInput {
  items: NoticeItem[];
  /** A pupil's notice never carries the content, not even the subject. */
  pupil: boolean;
  readUrl: string;
  unsubscribeUrl: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const paragraph = (s: string) => `<p>${escapeHtml(s).replace(/\n/g, '<br>')}</p>`;
const link = (href: string, label: string) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;

/** The subject, text and HTML of one notice (one message, or a digest of several). */
export function noticeMail(input: NoticeInput): Pick<Mail, 'subject' | 'text' | 'html' | 'unsubscribeUrl'> {
  const { items, pupil, readUrl, unsubscribeUrl } = input;
  const first = items[0]!;
  const text = [t('messaging.mail.hello'), ''];
  const html = [paragraph(t('messaging.mail.hello'))];
  if (items.length === 1) {
    text.push(t('messaging.mail.notice', first.from));
    html.push(paragraph(t('messaging.mail.notice', first.from)));
    if (!pupil) {
      const cut = htmlToText(first.bodyHtml).slice(0, EXCERPT);
      const excerpt = cut + (cut.length === EXCERPT ? '…' : '');
      const subjectLine = `${t('messaging.field.subject')} : ${first.subject || t('messaging.noSubject')}`;
      text.push('', subjectLine, '', excerpt);
      html.push(paragraph(subjectLine), `<blockquote>${paragraph(excerpt)}</blockquote>`);
    }
  } else {
    text.push(t('messaging.mail.digest', items.length));
    html.push(paragraph(t('messaging.mail.digest', items.length)), '<ul>');
    for (const r of items) {
      const subject = r.subject || t('messaging.noSubject');
      text.push(pupil ? t('messaging.mail.itemNoSubject', r.from) : t('messaging.mail.item', r.from, subject));
      html.push(`<li>${escapeHtml(pupil ? r.from : t('messaging.mail.entry', r.from, subject))}</li>`);
    }
    html.push('</ul>');
  }
  text.push('', t('messaging.mail.read', readUrl), '', '--', t('messaging.mail.footer'), t('messaging.mail.unsubscribe', unsubscribeUrl));
  html.push(
    `<p>${escapeHtml(t('messaging.mail.readLead'))} : ${link(readUrl, readUrl)}</p>`,
    '<hr>',
    `<p style="font-size:small;color:#555">${escapeHtml(t('messaging.mail.footer'))}<br>${link(unsubscribeUrl, t('messaging.mail.unsubscribeLink'))}</p>`,
  );
  const subject = items.length === 1 ? t('messaging.mail.subject.one', first.from) : t('messaging.mail.subject.many', items.length);
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
