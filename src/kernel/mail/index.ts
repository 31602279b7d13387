import nodemailer from 'nodemailer';
import type { Config } from '../config/index.js';

/** One plain-text email. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends email; null where SMTP is not configured, so callers skip mail instead of failing. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/** Reasonable waits for a slow relay: a request never hangs on SMTP for long. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

/** The SMTP mailer of `SMTP_URL` / `MAIL_FROM`, or null when `SMTP_URL` is empty. */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): Mailer | null {
  if (!config.smtpUrl) return null;
  const transport = nodemailer.createTransport({ url: config.smtpUrl, pool: true, maxConnections: 2, ...TIMEOUTS } as nodemailer.TransportOptions);
  return {
    async send(mail) {
      await transport.sendMail({ from: config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close() {
      transport.close();
    },
  };
}
