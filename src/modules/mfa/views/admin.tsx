import { formatDate } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { ResetTarget } from '../service/reset.js';
import { POLICY_ROLES, type MfaPolicy } from '../service/settings.js';

export interface ResetPageProps {
  csrf: string;
  login: string;
  /** The person found, or null after a search that found nobody the administrator may reset. */
  target: ResetTarget | null;
  searched: boolean;
}

export function ResetPage(props: ResetPageProps) {
  const errors: FieldErrors = props.searched && !props.target ? { login: t('mfa.reset.notFound') } : {};
  return (
    <section class="card">
      <h1>{t('mfa.reset.title')}</h1>
      <p>{t('mfa.reset.intro')}</p>
      <ErrorSummary errors={errors} labels={{ login: t('mfa.reset.login') }} />
      <form method="get" action="/admin/mfa" novalidate>
        <Field name="login" label={t('mfa.reset.login')} value={props.login} error={errors.login} required />
        <button type="submit" class="button">
          {t('mfa.reset.find')}
        </button>
      </form>
      {props.target && (
        <div>
          <h2>
            {props.target.name} ({props.target.login})
          </h2>
          <p>{props.target.enrolledAt ? t('mfa.reset.enrolled', formatDate(props.target.enrolledAt)) : t('mfa.reset.none')}</p>
          <form method="post" action={`/admin/mfa/${props.target.id}/reset`}>
            <CsrfField token={props.csrf} />
            <button type="submit" class="button">
              {t('mfa.reset.submit')}
            </button>
          </form>
        </div>
      )}
    </section>
  );
}

export interface PolicyPageProps {
  csrf: string;
  policy: { roles: string[]; graceDays: string };
  errors?: FieldErrors;
}

export function PolicyPage({ csrf, policy, errors }: PolicyPageProps) {
  const e = errors ?? {};
  return (
    <section class="card">
      <h1>{t('mfa.policy.title')}</h1>
      <p>{t('mfa.policy.intro')}</p>
      <ErrorSummary errors={e} labels={{ roles: t('mfa.policy.roles'), graceDays: t('mfa.policy.graceDays') }} />
      <form method="post" action="/admin/mfa/policy" novalidate>
        <CsrfField token={csrf} />
        <fieldset>
          <legend>{t('mfa.policy.roles')}</legend>
          {POLICY_ROLES.map((role) => (
            <div class="field">
              <input type="checkbox" id={`role-${role}`} name="roles" value={role} checked={policy.roles.includes(role)} />{' '}
              <label for={`role-${role}`}>{t(`mfa.policy.role.${role}`)}</label>
            </div>
          ))}
        </fieldset>
        <Field
          name="graceDays"
          label={t('mfa.policy.graceDays')}
          hint={t('mfa.policy.graceHint')}
          value={policy.graceDays}
          error={e.graceDays}
          inputMode="numeric"
          required
        />
        <button type="submit" class="button">
          {t('mfa.policy.save')}
        </button>
      </form>
    </section>
  );
}

export const policyForm = (p: MfaPolicy) => ({ roles: [...p.roles], graceDays: String(p.graceDays) });
