import type { Transporter, TransportOptions } from 'nodemailer';
import { onFirstUse } from '../lazy.js';
import type { Config } from '../config/index.js';

/**
 * One automatic email: a text part and, when given, an HTML alternative of the same content
 * (sent as `multipart/alternative`). Every email Préau sends is automatic, so each carries
 * `Auto-Submitted: auto-generated` (RFC 3834): vacation responders and mail loops stay quiet.
 */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** The same content as `text`, as HTML the caller has escaped; no external resources. */
  html?: string;
  /**
   * An HTTPS URL that stops these emails when POSTed to without a session: sent as
   * `List-Unsubscribe` with `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058).
   */
  unsubscribeUrl?: string;
}

/** Sends email; null where SMTP is not configured, so callers skip mail instead of failing. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/** Reasonable waits for a slow relay: a request never hangs on SMTP for long. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

/** The headers of an automatic email: RFC 3834, and RFC 8058's one-click unsubscribe when a URL is given. */
export function automaticHeaders(mail: Pick<Mail, 'unsubscribeUrl'>): Record<string, string> {
  const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated' };
  if (mail.unsubscribeUrl) {
    // A header value that is a URL must not hold what would end the angle brackets or the line.
    if (!/^https?:\/\/[^\s<>]+$/.test(mail.unsubscribeUrl)) throw new Error('unsubscribeUrl must be an http(s) URL');
    headers['List-Unsubscribe'] = `<${mail.unsubscribeUrl}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return headers;
}

/** The SMTP mailer of `SMTP_URL` / `MAIL_FROM`, or null when `SMTP_URL` is empty. */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): Mailer | null {
  if (!config.smtpUrl) return null;
  const smtpUrl = config.smtpUrl;
  let opened: Transporter | null = null;
  // The SMTP library is loaded with the first mail: most processes never send one.
  const transport = onFirstUse(async () => {
    const { default: nodemailer } = await import('nodemailer');
    opened = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 2, ...TIMEOUTS } as TransportOptions);
    return opened;
  });
  return {
    async send(mail) {
      await (
        await transport()
      ).sendMail({
        from: config.mailFrom,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html === undefined ? {} : { html: mail.html }),
        headers: automaticHeaders(mail),
      });
    },
    close() {
      opened?.close();
    },
  };
}
