import { t } from '../i18n/fr.js';

/**
 * The page of a notice's unsubscribe link: it names nobody (a forwarded email must not tell whose
 * it was) and changes nothing until its button is pressed, since mail scanners open links.
 */
export function UnsubscribePage({ action, done }: { action: string; done: boolean }) {
  return (
    <section class="card">
      <h1>{t('messaging.unsubscribe.title')}</h1>
      {done ? (
        <p class="flash">{t('messaging.unsubscribe.done')}</p>
      ) : (
        <>
          <p>{t('messaging.unsubscribe.intro')}</p>
          <form method="post" action={action}>
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <button type="submit" class="button button--primary">
              {t('messaging.unsubscribe.confirm')}
            </button>
          </form>
        </>
      )}
      <p>
        <a href="/messaging/preferences">{t('messaging.unsubscribe.settings')}</a>
      </p>
    </section>
  );
}
