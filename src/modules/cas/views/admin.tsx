import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { TableWrap } from '../../../kernel/views/table.js';
import { t } from '../i18n/fr.js';
import { ATTRIBUTE_NAMES, DEFAULT_ATTRIBUTES } from '../service/attributes.js';
import type { ServiceView } from '../service/services.js';

export interface ServiceFormValues {
  name: string;
  urlPattern: string;
  attributes: string[];
  trusted: boolean;
  proxy: boolean;
}

export const emptyServiceForm: ServiceFormValues = { name: '', urlPattern: '', attributes: DEFAULT_ATTRIBUTES, trusted: false, proxy: false };

export interface CasAdminProps {
  services: ServiceView[];
  csrf: string;
  base: string;
  values: ServiceFormValues;
  errors?: FieldErrors;
}

/** The instance administrator's page: the registered partner tools, and the form to add one. */
export function CasAdminPage({ services, csrf, base, values, errors = {} }: CasAdminProps) {
  const labels = { name: t('cas.admin.name'), urlPattern: t('cas.admin.pattern'), attributes: t('cas.admin.attributes') };
  return (
    <>
      <section class="card">
        <h1>{t('cas.admin.title')}</h1>
        <p>{t('cas.admin.intro')}</p>
        <h2>{t('cas.admin.endpoints')}</h2>
        <dl class="sheet">
          <dt>Connexion</dt>
          <dd>{`${base}/cas/login`}</dd>
          <dt>Validation CAS 3.0 (attributs)</dt>
          <dd>{`${base}/cas/p3/serviceValidate`}</dd>
          <dt>Validation CAS 2.0</dt>
          <dd>{`${base}/cas/serviceValidate`}</dd>
          <dt>Déconnexion</dt>
          <dd>{`${base}/cas/logout`}</dd>
        </dl>
      </section>
      <section class="card">
        <h2 id="cas-services">{t('cas.admin.list')}</h2>
        {services.length === 0 ? (
          <p>{t('cas.admin.none')}</p>
        ) : (
          <TableWrap labelledBy="cas-services">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('cas.admin.name')}</th>
                  <th scope="col">{t('cas.admin.pattern')}</th>
                  <th scope="col">{t('cas.admin.identifier')}</th>
                  <th scope="col">{t('cas.admin.attributes')}</th>
                </tr>
              </thead>
              <tbody>
                {services.map((s) => (
                  <tr>
                    <td>{s.name}</td>
                    <td>
                      <code>{s.urlPattern}</code>
                    </td>
                    <td>
                      {s.trusted ? t('cas.admin.trustedShort') : t('cas.admin.pseudonym')}
                      {s.proxy ? `, ${t('cas.admin.proxyShort')}` : ''}
                    </td>
                    <td>{s.attributes.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
      <section class="card">
        <h2>{t('cas.admin.add')}</h2>
        <ErrorSummary errors={errors} labels={labels} />
        <form method="post" action="/admin/cas/services" novalidate>
          <CsrfField token={csrf} />
          <Field name="name" label={labels.name} value={values.name} error={errors.name} required />
          <Field name="urlPattern" label={labels.urlPattern} hint={t('cas.admin.patternHint')} value={values.urlPattern} error={errors.urlPattern} required />
          <fieldset class="field-group" id="field-attributes">
            <legend>{labels.attributes}</legend>
            {errors.attributes && <p class="field__error">{errors.attributes}</p>}
            {ATTRIBUTE_NAMES.map((name) => (
              <div class="field field--check">
                <input type="checkbox" id={`field-attr-${name}`} name="attributes" value={name} checked={values.attributes.includes(name)} />
                <label for={`field-attr-${name}`}>{t(`cas.attr.${name}`)}</label>
              </div>
            ))}
          </fieldset>
          <div class="field field--check">
            <input type="checkbox" id="field-trusted" name="trusted" value="1" checked={values.trusted} />
            <label for="field-trusted">{t('cas.admin.trusted')}</label>
          </div>
          <div class="field field--check">
            <input type="checkbox" id="field-proxy" name="proxy" value="1" checked={values.proxy} />
            <label for="field-proxy">{t('cas.admin.proxy')}</label>
          </div>
          <button type="submit" class="button">
            {t('cas.admin.submit')}
          </button>
        </form>
      </section>
    </>
  );
}
