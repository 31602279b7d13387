import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';

export interface LoginViewProps {
  csrfToken: string;
  next: string | null;
  login?: string;
  errors?: FieldErrors;
  /** After a failed sign-in, whatever the reason: point first logins to the activation page. */
  activationHint?: boolean;
}

export function LoginView(props: LoginViewProps) {
  const errors = props.errors ?? {};
  return (
    <section class="card">
      <h1>{t('accounts.login.title')}</h1>
      <p>{t('accounts.login.intro')}</p>
      <ErrorSummary errors={errors} labels={{ login: t('accounts.login.login'), password: t('accounts.login.password') }} />
      {props.activationHint && (
        <p>
          {t('accounts.login.activationHint')} <a href="/activate">{t('accounts.login.activateLink')}</a>
        </p>
      )}
      <form method="post" action="/login" novalidate>
        <CsrfField token={props.csrfToken} />
        {props.next && <input type="hidden" name="next" value={props.next} />}
        <Field
          name="login"
          label={t('accounts.login.login')}
          hint={t('accounts.login.loginHint')}
          value={props.login}
          error={errors.login}
          autocomplete="username"
          required
        />
        <Field name="password" label={t('accounts.login.password')} type="password" error={errors.password} autocomplete="current-password" required />
        <button type="submit" class="button">
          {t('accounts.login.submit')}
        </button>
      </form>
      <p>
        {t('accounts.login.firstTime')} <a href="/activate">{t('accounts.login.activateLink')}</a>
      </p>
    </section>
  );
}
