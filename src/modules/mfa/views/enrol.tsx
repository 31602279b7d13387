import { formatDate } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { Enrolment } from '../service/totp.js';

export interface EnrolProps {
  enrolment: Enrolment;
  /** Where the form posts: /mfa/enrol when signed in, /login/enrol while held at sign-in. */
  action: string;
  csrf: string;
  next: string | null;
  errors?: FieldErrors;
  /** Why enrolment is asked: until a date (grace period), or now. */
  required?: { until: string | null } | null;
  /** The "later" link during a grace period. */
  laterHref?: string | null;
}

/** The secret grouped by four, easier to copy by hand. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

export function EnrolPage(props: EnrolProps) {
  const errors = props.errors ?? {};
  const qr = `data:image/svg+xml;base64,${Buffer.from(props.enrolment.qrSvg).toString('base64')}`;
  return (
    <section class="card">
      <h1>{t('mfa.enrol.title')}</h1>
      {props.required && <p>{props.required.until ? t('mfa.status.required', props.required.until) : t('mfa.status.requiredNow')}</p>}
      <p>{t('mfa.intro')}</p>
      <ErrorSummary errors={errors} labels={{ code: t('mfa.code') }} />
      <ol>
        <li>
          <p>{t('mfa.enrol.step1')}</p>
          <img src={qr} alt={t('mfa.enrol.qr')} width={200} height={200} style="max-width:100%;height:auto" />
          <p>{t('mfa.enrol.manual')}</p>
          <p>
            <code id="totp-secret" data-secret={props.enrolment.secret} style="overflow-wrap:anywhere">
              {grouped(props.enrolment.secret)}
            </code>
          </p>
        </li>
        <li>
          <p>{t('mfa.enrol.step2')}</p>
          <form method="post" action={props.action} novalidate>
            <CsrfField token={props.csrf} />
            {props.next && <input type="hidden" name="next" value={props.next} />}
            <Field name="code" label={t('mfa.code')} hint={t('mfa.code.hint')} error={errors.code} autocomplete="one-time-code" inputMode="numeric" required />
            <button type="submit" class="button">
              {t('mfa.enrol.confirm')}
            </button>
          </form>
        </li>
      </ol>
      {props.laterHref && (
        <p>
          <a href={props.laterHref}>{t('mfa.enrol.later')}</a>
        </p>
      )}
    </section>
  );
}

export function RecoveryCodesPage({ codes, next }: { codes: string[]; next: string }) {
  return (
    <section class="card">
      <h1>{t('mfa.recovery.title')}</h1>
      <p>{t('mfa.recovery.intro')}</p>
      <ul id="recovery-codes">
        {codes.map((c) => (
          <li>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <p>
        <a class="button" href={next}>
          {t('mfa.recovery.continue')}
        </a>
      </p>
    </section>
  );
}

export function SecondStepPage({ csrf, errors }: { csrf: string; errors?: FieldErrors }) {
  const e = errors ?? {};
  return (
    <section class="card">
      <h1>{t('mfa.step.title')}</h1>
      <p>{t('mfa.step.intro')}</p>
      <ErrorSummary errors={e} labels={{ code: t('mfa.step.code') }} />
      <form method="post" action="/login/code" novalidate>
        <CsrfField token={csrf} />
        <Field name="code" label={t('mfa.step.code')} hint={t('mfa.code.hint')} error={e.code} autocomplete="one-time-code" required />
        <button type="submit" class="button">
          {t('mfa.step.submit')}
        </button>
      </form>
    </section>
  );
}

export function StatusPage({ enrolledAt, required }: { enrolledAt: string | null; required: boolean }) {
  return (
    <section class="card">
      <h1>{t('mfa.title')}</h1>
      <p>{t('mfa.intro')}</p>
      {enrolledAt ? (
        <p>{t('mfa.status.on', formatDate(enrolledAt))}</p>
      ) : (
        <>
          <p>{t('mfa.status.off')}</p>
          {required && <p>{t('mfa.status.requiredNow')}</p>}
          <p>
            <a class="button" href="/mfa/enrol">
              {t('mfa.enrol.start')}
            </a>
          </p>
        </>
      )}
      <p>{t('mfa.status.reset')}</p>
    </section>
  );
}
