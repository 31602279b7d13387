import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import { PasswordFields, passwordLabels } from './password-fields.js';

export interface SetupViewProps {
  csrfToken: string;
  values?: { firstName?: string; lastName?: string; login?: string };
  errors?: FieldErrors;
}

export function SetupView(props: SetupViewProps) {
  const errors = props.errors ?? {};
  const values = props.values ?? {};
  const labels = {
    token: t('accounts.setup.token'),
    firstName: t('accounts.setup.firstName'),
    lastName: t('accounts.setup.lastName'),
    login: t('accounts.setup.login'),
    ...passwordLabels(),
  };
  return (
    <section class="card">
      <h1>{t('accounts.setup.title')}</h1>
      <p>{t('accounts.setup.intro')}</p>
      <ErrorSummary errors={errors} labels={labels} />
      <form method="post" action="/setup" novalidate>
        <CsrfField token={props.csrfToken} />
        <Field name="token" label={labels.token} error={errors.token} autocomplete="off" required />
        <Field name="firstName" label={labels.firstName} value={values.firstName} error={errors.firstName} autocomplete="given-name" required />
        <Field name="lastName" label={labels.lastName} value={values.lastName} error={errors.lastName} autocomplete="family-name" required />
        <Field
          name="login"
          label={labels.login}
          hint={t('accounts.setup.loginHint')}
          value={values.login}
          error={errors.login}
          autocomplete="username"
          required
        />
        <PasswordFields errors={errors} />
        <button type="submit" class="button">
          {t('accounts.setup.submit')}
        </button>
      </form>
    </section>
  );
}
