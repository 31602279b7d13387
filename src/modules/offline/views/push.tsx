import { assetUrl } from '../../../kernel/http/assets.js';
import { t } from '../i18n/fr.js';

/**
 * Opting this device in or out. The button needs JavaScript (the browser's Push API): without it, or
 * without push support, the page says so and the button stays hidden.
 */
export function PushSettingsPage(props: { devices: number; csrf: string }) {
  return (
    <section class="card" aria-labelledby="push-title">
      <h1 id="push-title">{t('offline.push.title')}</h1>
      <p>{t('offline.push.intro')}</p>
      <p>{t('offline.push.devices', props.devices)}</p>
      <p>{t('offline.push.shared')}</p>
      <p
        id="push-status"
        role="status"
        data-on={t('offline.push.on')}
        data-off={t('offline.push.off')}
        data-denied={t('offline.push.denied')}
        data-failed={t('offline.push.failed')}
      >
        {t('offline.push.unsupported')}
      </p>
      <button
        type="button"
        id="push-toggle"
        class="button"
        hidden
        data-csrf={props.csrf}
        data-enable={t('offline.push.enable')}
        data-disable={t('offline.push.disable')}
      >
        {t('offline.push.enable')}
      </button>
      <script src={assetUrl('js/push.js')} defer></script>
    </section>
  );
}
