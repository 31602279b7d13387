import { t } from '../i18n/fr.js';

/** An address that is no registered service (or none at all): said plainly, nothing sent anywhere. */
export function UnknownServicePage({ service }: { service: string | null }) {
  return (
    <section class="card">
      <h1>{t('cas.unknown.title')}</h1>
      {service ? (
        <>
          <p>{t('cas.unknown.body')}</p>
          <p>{t('cas.unknown.what')}</p>
          <dl class="sheet">
            <dt>{t('cas.unknown.address')}</dt>
            <dd>{service}</dd>
          </dl>
        </>
      ) : (
        <p>{t('cas.missing.body')}</p>
      )}
      <p>
        <a href="/">{t('cas.back')}</a>
      </p>
    </section>
  );
}

/**
 * The hop back to the service after a form: a page that moves on by itself. A redirect there would
 * be blocked by the CSP's `form-action 'self'` in Chromium, which checks the whole chain of a POST.
 */
export function ContinuePage({ name, target }: { name: string; target: string }) {
  return (
    <section class="card">
      <meta http-equiv="refresh" content={`0;url=${target}`} />
      <h1>{t('cas.continue.title')}</h1>
      <p>{t('cas.continue.body', name)}</p>
      <p>
        <a class="button" href={target}>
          {t('cas.continue.link', name)}
        </a>
      </p>
    </section>
  );
}

export function LoggedOutPage() {
  return (
    <section class="card">
      <h1>{t('cas.logout.title')}</h1>
      <p>{t('cas.logout.body')}</p>
      <p>
        <a href="/login">{t('cas.logout.again')}</a>
      </p>
    </section>
  );
}
