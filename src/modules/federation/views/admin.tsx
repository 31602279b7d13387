import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { TableWrap } from '../../../kernel/views/table.js';
import { t } from '../i18n/fr.js';
import type { ClientView } from '../service/clients.js';

export interface ClientFormValues {
  name?: string;
  redirectUris?: string;
  postLogoutRedirectUris?: string;
  trusted?: boolean;
  refreshAllowed?: boolean;
  consentPreapproved?: boolean;
}

export interface ClientsPageProps {
  clients: ClientView[];
  csrf: string;
  discovery: string;
  values?: ClientFormValues;
  errors?: FieldErrors;
  created?: { name: string; clientId: string; clientSecret: string };
}

const yesNo = (v: boolean) => t(v ? 'federation.admin.yes' : 'federation.admin.no');

function Textarea({ name, label, hint, value, error }: { name: string; label: string; hint: string; value?: string; error?: string }) {
  const id = `field-${name}`;
  return (
    <Field name={name} label={label} hint={hint} error={error}>
      <textarea id={id} name={name} rows={3} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`} aria-invalid={error ? 'true' : undefined}>
        {value ?? ''}
      </textarea>
    </Field>
  );
}

function Check({ name, label, checked }: { name: string; label: string; checked?: boolean }) {
  return (
    <div class="field field--check">
      <input type="checkbox" id={`field-${name}`} name={name} value="on" checked={checked} />
      <label for={`field-${name}`}>{label}</label>
    </div>
  );
}

/** The instance administrator's register of partner applications. */
export function ClientsPage({ clients, csrf, discovery, values = {}, errors, created }: ClientsPageProps) {
  return (
    <>
      <h1>{t('federation.admin.title')}</h1>
      <p>{t('federation.admin.intro')}</p>
      <p>
        {t('federation.admin.endpoints')} <code>{discovery}</code>
      </p>
      {created && (
        <div class="notice" role="status">
          <p>{t('federation.admin.created', created.name)}</p>
          <dl>
            <dt>{t('federation.admin.clientId')}</dt>
            <dd>
              <code>{created.clientId}</code>
            </dd>
            <dt>{t('federation.admin.secret')}</dt>
            <dd>
              <code>{created.clientSecret}</code>
            </dd>
          </dl>
        </div>
      )}
      <h2 id="clients-title">{t('federation.admin.list')}</h2>
      {clients.length === 0 ? (
        <p>{t('federation.admin.none')}</p>
      ) : (
        <TableWrap labelledBy="clients-title">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('federation.admin.name')}</th>
                <th scope="col">{t('federation.admin.clientId')}</th>
                <th scope="col">{t('federation.admin.redirectUris')}</th>
                <th scope="col">{t('federation.admin.flags')}</th>
                <th scope="col">{t('federation.admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {clients.map((c) => (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  <td>
                    <code>{c.id}</code>
                  </td>
                  <td>{c.redirectUris.join(' ')}</td>
                  <td>{[c.trusted, c.refreshAllowed, c.consentPreapproved].map(yesNo).join(' / ')}</td>
                  <td>
                    <form method="post" action={`/admin/federation/clients/${c.id}/revoke`}>
                      <CsrfField token={csrf} />
                      <button type="submit" class="button button--quiet" aria-label={`${t('federation.admin.revoke')} : ${c.name}`}>
                        {t('federation.admin.revoke')}
                      </button>
                    </form>
                    <form method="post" action={`/admin/federation/clients/${c.id}/delete`}>
                      <CsrfField token={csrf} />
                      <button type="submit" class="button button--danger" aria-label={`${t('federation.admin.delete')} : ${c.name}`}>
                        {t('federation.admin.delete')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <h2>{t('federation.admin.new')}</h2>
      <form method="post" action="/admin/federation/clients" novalidate>
        <ErrorSummary errors={errors} />
        <CsrfField token={csrf} />
        <Field name="name" label={t('federation.admin.name')} value={values.name} error={errors?.name} required />
        <Textarea
          name="redirectUris"
          label={t('federation.admin.redirectUris')}
          hint={t('federation.admin.redirectUris.hint')}
          value={values.redirectUris}
          error={errors?.redirectUris}
        />
        <Textarea
          name="postLogoutRedirectUris"
          label={t('federation.admin.postLogoutUris')}
          hint={t('federation.admin.postLogoutUris.hint')}
          value={values.postLogoutRedirectUris}
          error={errors?.postLogoutRedirectUris}
        />
        <fieldset>
          <legend>{t('federation.admin.options')}</legend>
          <Check name="trusted" label={t('federation.admin.trusted')} checked={values.trusted} />
          <Check name="refreshAllowed" label={t('federation.admin.refresh')} checked={values.refreshAllowed} />
          <Check name="consentPreapproved" label={t('federation.admin.consent')} checked={values.consentPreapproved} />
        </fieldset>
        <button type="submit" class="button">
          {t('federation.admin.add')}
        </button>
      </form>
    </>
  );
}
