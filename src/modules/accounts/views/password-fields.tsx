import { Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';

/** New password and its confirmation, with the policy in the hint. Values are never echoed back. */
export function PasswordFields({ errors }: { errors: FieldErrors }) {
  return (
    <>
      <Field
        name="password"
        label={t('accounts.password.password')}
        type="password"
        hint={t('accounts.password.hint')}
        error={errors.password}
        autocomplete="new-password"
        required
      />
      <Field name="confirm" label={t('accounts.password.confirm')} type="password" error={errors.confirm} autocomplete="new-password" required />
    </>
  );
}

export const passwordLabels = () => ({ password: t('accounts.password.password'), confirm: t('accounts.password.confirm') });
