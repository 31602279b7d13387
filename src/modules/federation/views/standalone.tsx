import type { ComponentChildren } from 'preact';
import { assetUrl } from '../../../kernel/http/assets.js';
import { renderDocument } from '../../../kernel/views/render.js';
import { t } from '../i18n/fr.js';

/**
 * A small page of its own for the protocol's answers (errors, logout, the last hop to a
 * partner), which the provider sends outside of Fastify's page renderer.
 */
function Doc({ title, refresh, children }: { title: string; refresh?: string; children: ComponentChildren }) {
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {refresh && <meta http-equiv="refresh" content={`0;url=${refresh}`} />}
        <title>{`${title} · ${t('app.name')}`}</title>
        <link rel="stylesheet" href={assetUrl('css/preau.css')} />
      </head>
      <body class="service-federation">
        <main id="main" class="narrow">
          <div class="card">{children}</div>
        </main>
      </body>
    </html>
  );
}

/**
 * The last hop back to a partner after a form: a page that moves on by itself. A 303 straight
 * to the partner would be blocked by the browser, since our `form-action 'self'` covers the
 * redirects that follow a form submission.
 */
export function continuePage(url: string, client: string): string {
  return renderDocument(
    <Doc title={t('federation.continue.title')} refresh={url}>
      <h1>{t('federation.continue.title')}</h1>
      <p>{t('federation.continue.body', client)}</p>
      <p>
        <a class="button" href={url}>
          {t('federation.continue.link')}
        </a>
      </p>
    </Doc>,
  );
}

export function errorPage(message: string, code: string): string {
  return renderDocument(
    <Doc title={t('federation.error.title')}>
      <h1>{t('federation.error.title')}</h1>
      <p role="alert">{message}</p>
      <p>{t('federation.error.intro')}</p>
      <p class="muted">{t('federation.error.code', code)}</p>
      <p>
        <a href="/">{t('federation.error.home')}</a>
      </p>
    </Doc>,
  );
}

/** The provider's logout confirmation: `form` is its own hidden form, the buttons submit it. */
export function logoutPage(form: string): string {
  return renderDocument(
    <Doc title={t('federation.logout.title')}>
      <h1>{t('federation.logout.title')}</h1>
      <div dangerouslySetInnerHTML={{ __html: form }} />
      <p>{t('federation.logout.body')}</p>
      <p class="actions">
        <button class="button" type="submit" form="op.logoutForm" name="logout" value="yes">
          {t('federation.logout.yes')}
        </button>{' '}
        <button class="button button--quiet" type="submit" form="op.logoutForm">
          {t('federation.logout.no')}
        </button>
      </p>
    </Doc>,
  );
}

export function loggedOutPage(): string {
  return renderDocument(
    <Doc title={t('federation.logout.title')}>
      <h1>{t('federation.logout.title')}</h1>
      <p>{t('federation.logout.done')}</p>
      <p>
        <a href="/login">{t('federation.error.home')}</a>
      </p>
    </Doc>,
  );
}
