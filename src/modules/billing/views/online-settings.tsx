import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';

export interface OnlineSettingsView {
  providerUrl: string;
  clientNumber: string;
  enabled: boolean;
  secretSet: boolean;
  notificationUrl: string;
}

/** The municipality's online payment provider; the secret is written, never shown. */
export function OnlineSettingsPage(props: {
  town: { id: string; name: string };
  settings: OnlineSettingsView;
  csrf: string;
  typed?: { values: Record<string, string | undefined>; errors: FieldErrors };
}) {
  const s = props.settings;
  const v = props.typed?.values ?? { providerUrl: s.providerUrl, clientNumber: s.clientNumber, enabled: s.enabled ? 'on' : undefined };
  const errors = props.typed?.errors;
  return (
    <>
      <div class="page-header">
        <h1>{t('billing.online.settingsTitle', props.town.name)}</h1>
      </div>
      <p>{t('billing.online.settingsIntro')}</p>
      <p>
        {t('billing.online.notificationUrl')} <code>{s.notificationUrl}</code>
      </p>
      <p>
        <a href={`/billing/manage/${props.town.id}`}>{t('billing.tariff.back')}</a>
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" action={`/billing/manage/${props.town.id}/online`} class="card">
        <CsrfField token={props.csrf} />
        <Field name="providerUrl" label={t('billing.online.providerUrl')} value={v.providerUrl} error={errors?.providerUrl} type="url" required />
        <Field name="clientNumber" label={t('billing.online.clientNumber')} value={v.clientNumber} error={errors?.clientNumber} required />
        <Field
          name="secret"
          label={t('billing.online.secret')}
          hint={s.secretSet ? t('billing.online.secretKept') : t('billing.online.secretNone')}
          error={errors?.secret}
          type="password"
        />
        <div class="field">
          <label>
            <input type="checkbox" name="enabled" value="on" checked={!!v.enabled} /> {t('billing.online.enabled')}
          </label>
        </div>
        <button type="submit" class="button button--primary">
          {t('billing.online.save')}
        </button>
      </form>
    </>
  );
}
