import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import { PasswordFields, passwordLabels } from './password-fields.js';

export interface ActivateViewProps {
  csrfToken: string;
  login?: string;
  errors?: FieldErrors;
  /** After a refused code, whatever the reason: what to check, and the way to the login page. */
  invalidHint?: boolean;
}

/** Step 1: login and activation code. */
export function ActivateView(props: ActivateViewProps) {
  const errors = props.errors ?? {};
  return (
    <section class="card">
      <h1>{t('accounts.activate.title')}</h1>
      <p>{t('accounts.activate.intro')}</p>
      <ErrorSummary errors={errors} labels={{ login: t('accounts.activate.login'), code: t('accounts.activate.code') }} />
      {props.invalidHint && (
        <p>
          {t('accounts.activate.invalidHint')} <a href="/login">{t('accounts.activate.toLogin')}</a>
        </p>
      )}
      <form method="post" action="/activate" novalidate>
        <CsrfField token={props.csrfToken} />
        <Field
          name="login"
          label={t('accounts.activate.login')}
          hint={t('accounts.login.loginHint')}
          value={props.login}
          error={errors.login}
          autocomplete="username"
          required
        />
        <Field
          name="code"
          label={t('accounts.activate.code')}
          hint={t('accounts.activate.codeHint')}
          error={errors.code}
          autocomplete="one-time-code"
          required
        />
        <button type="submit" class="button">
          {t('accounts.activate.submit')}
        </button>
      </form>
      <p>
        <a href="/login">{t('accounts.activate.backToLogin')}</a>
      </p>
    </section>
  );
}

export interface PasswordViewProps {
  csrfToken: string;
  displayName: string;
  login: string;
  errors?: FieldErrors;
}

/** Step 2: the first password. */
export function PasswordView(props: PasswordViewProps) {
  const errors = props.errors ?? {};
  return (
    <section class="card">
      <h1>{t('accounts.password.title')}</h1>
      <p>{t('accounts.password.for', props.displayName, props.login)}</p>
      <ErrorSummary errors={errors} labels={passwordLabels()} />
      <form method="post" action="/activate/password" novalidate>
        <CsrfField token={props.csrfToken} />
        {/* Lets password managers file the new password under the right login. */}
        <input type="text" name="username" value={props.login} autocomplete="username" hidden readOnly />
        <PasswordFields errors={errors} />
        <button type="submit" class="button">
          {t('accounts.password.submit')}
        </button>
      </form>
    </section>
  );
}
