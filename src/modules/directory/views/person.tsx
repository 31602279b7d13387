import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { formatDate } from '../../../kernel/i18n/index.js';
import { t } from '../i18n/fr.js';
import type { PersonDetail } from '../service.js';
import { PROFILES, profileLabel } from './labels.js';

export interface ClassOption {
  id: string;
  name: string;
}

export interface PupilOption {
  id: string;
  label: string;
  className: string;
}

export interface PersonPageProps {
  person: PersonDetail;
  /** The structure the viewer manages and the person belongs to: where roles can be given. */
  rolesStructure?: { id: string; name: string; roles: string[] } | null;
  csrf: string;
  classes: ClassOption[];
  pupils: PupilOption[];
  errors?: FieldErrors;
}

function RolesForm({ person, structure, csrf }: { person: PersonDetail; structure: { id: string; name: string; roles: string[] }; csrf: string }) {
  return (
    <form method="post" action={`/directory/people/${person.id}/roles`} class="inline-form">
      <CsrfField token={csrf} />
      <input type="hidden" name="structureId" value={structure.id} />
      <fieldset class="field-group">
        <legend>{t('directory.people.roles', structure.name)}</legend>
        {(['director', 'localAdmin'] as const).map((role) => (
          <div class="field field--check">
            <input type="checkbox" id={`field-role-${role}`} name="roles" value={role} checked={structure.roles.includes(role)} />
            <label for={`field-role-${role}`}>{t(`directory.role.${role}`)}</label>
          </div>
        ))}
      </fieldset>
      <button type="submit" class="button">
        {t('directory.people.rolesSubmit')}
      </button>
    </form>
  );
}

function ManagerActions({ person, csrf, classes, pupils, errors, rolesStructure }: PersonPageProps) {
  const currentClass = person.groups.find((g) => g.kind === 'class' && g.role === 'student');
  const byClass = new Map<string, PupilOption[]>();
  for (const p of pupils) byClass.set(p.className, [...(byClass.get(p.className) ?? []), p]);
  return (
    <section aria-labelledby="manage-title" class="card">
      <h2 id="manage-title">{t('directory.people.account')}</h2>
      <ErrorSummary errors={errors} />
      <dl>
        <dt>{t('directory.people.login')}</dt>
        <dd>
          <code>{person.login}</code>
        </dd>
        <dt>{t('directory.people.account')}</dt>
        <dd>
          {person.status === 'deactivated' ? (
            <span class="badge badge--muted">{t('directory.people.deactivated')}</span>
          ) : person.account?.activated ? (
            <span class="badge badge--ok">{t('directory.people.activated')}</span>
          ) : (
            <span class="badge badge--warn">{t('directory.people.pending')}</span>
          )}
        </dd>
        {person.account?.activationCode && (
          <>
            <dt>{t('directory.people.code')}</dt>
            <dd>
              <code>{person.account.activationCode}</code>
            </dd>
          </>
        )}
      </dl>
      <p class="actions">
        <a class="button" href={`/directory/people/${person.id}/edit`}>
          {t('directory.people.edit')}
        </a>
      </p>
      {person.profile === 'student' && (
        <p>
          <a href={`/directory/people/${person.id}/photo-consent`}>{t('directory.consent.link')}</a>
        </p>
      )}
      <form method="post" action={`/directory/people/${person.id}/reset`} class="inline-form">
        <CsrfField token={csrf} />
        <button type="submit" class="button">
          {t('directory.people.reset')}
        </button>
      </form>
      <form method="post" action={`/directory/people/${person.id}/${person.status === 'active' ? 'deactivate' : 'reactivate'}`} class="inline-form">
        <CsrfField token={csrf} />
        <button type="submit" class={person.status === 'active' ? 'button button--danger' : 'button'}>
          {person.status === 'active' ? t('directory.people.deactivate') : t('directory.people.reactivate')}
        </button>
      </form>
      {rolesStructure && person.profile !== 'student' && person.profile !== 'relative' && <RolesForm person={person} structure={rolesStructure} csrf={csrf} />}
      {person.profile === 'student' && classes.length > 0 && (
        <form method="post" action={`/directory/people/${person.id}/move`} class="inline-form">
          <CsrfField token={csrf} />
          <Field name="classId" label={t('directory.people.move')} error={errors?.classId}>
            <select id="field-classId" name="classId">
              {classes.map((c) => (
                <option value={c.id} selected={c.id === currentClass?.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit" class="button">
            {t('directory.people.moveSubmit')}
          </button>
        </form>
      )}
      {person.profile === 'relative' && pupils.length > 0 && (
        <form method="post" action={`/directory/people/${person.id}/link`} class="inline-form">
          <CsrfField token={csrf} />
          <Field name="studentId" label={t('directory.people.link')} error={errors?.studentId} required>
            <select id="field-studentId" name="studentId" required>
              <option value="">{t('directory.field.choose')}</option>
              {[...byClass.entries()].map(([className, options]) => (
                <optgroup label={className}>
                  {options.map((o) => (
                    <option value={o.id}>{o.label}</option>
                  ))}
                </optgroup>
              ))}
            </select>
          </Field>
          <div class="field field--check">
            <input type="checkbox" id="field-legalGuardian" name="legalGuardian" checked />
            <label for="field-legalGuardian">{t('directory.people.linkGuardian')}</label>
          </div>
          <button type="submit" class="button">
            {t('directory.people.linkSubmit')}
          </button>
        </form>
      )}
    </section>
  );
}

export function PersonPage(props: PersonPageProps) {
  const { person } = props;
  return (
    <>
      <div class="page-header">
        <h1>{person.displayName}</h1>
      </div>
      <p>
        <span class="badge">{profileLabel(person.profile)}</span>
        {person.status === 'deactivated' && <span class="badge badge--muted"> {t('directory.people.deactivated')}</span>}
      </p>
      <dl>
        {person.usageName && (
          <>
            <dt>{t('directory.field.lastName')}</dt>
            <dd>{person.lastName}</dd>
          </>
        )}
        {person.birthDate && (
          <>
            <dt>{t('directory.field.birthDate')}</dt>
            <dd>{formatDate(person.birthDate)}</dd>
          </>
        )}
        {person.email && (
          <>
            <dt>{t('directory.field.email')}</dt>
            <dd>
              <a href={`mailto:${person.email}`}>{person.email}</a>
            </dd>
          </>
        )}
        {person.phone && (
          <>
            <dt>{t('directory.field.phone')}</dt>
            <dd>{person.phone}</dd>
          </>
        )}
        {person.structures.length > 0 && (
          <>
            <dt>{t('directory.people.structures')}</dt>
            <dd>{person.structures.map((s) => s.name).join(', ')}</dd>
          </>
        )}
        {person.groups.length > 0 && (
          <>
            <dt>{t('directory.people.groups')}</dt>
            <dd>
              <ul class="list-plain">
                {person.groups.map((g) => (
                  <li>
                    <a href={`/directory/classes/${g.id}`}>{g.name}</a> <span class="muted">({g.structureName})</span>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {person.children.length > 0 && (
          <>
            <dt>{t('directory.people.children')}</dt>
            <dd>
              <ul class="list-plain">
                {person.children.map((c) => (
                  <li>
                    <a href={`/directory/people/${c.id}`}>{c.displayName}</a>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {person.relatives.length > 0 && (
          <>
            <dt>{t('directory.people.relatives')}</dt>
            <dd>
              <ul class="list-plain">
                {person.relatives.map((r) => (
                  <li>
                    <a href={`/directory/people/${r.id}`}>{r.displayName}</a>
                    {r.email && (
                      <>
                        {' '}
                        · <a href={`mailto:${r.email}`}>{r.email}</a>
                      </>
                    )}
                    {r.phone && <> · {r.phone}</>}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      {person.managed && <ManagerActions {...props} />}
    </>
  );
}

export interface PersonFormValues {
  profile?: string;
  civility?: string | null;
  firstName?: string;
  lastName?: string;
  usageName?: string | null;
  birthDate?: string | null;
  email?: string | null;
  phone?: string | null;
  classId?: string | null;
}

const labels = {
  profile: t('directory.field.profile'),
  firstName: t('directory.field.firstName'),
  lastName: t('directory.field.lastName'),
  usageName: t('directory.field.usageName'),
  birthDate: t('directory.field.birthDate'),
  email: t('directory.field.email'),
  phone: t('directory.field.phone'),
  classId: t('directory.field.class'),
};

/** Create (with profile and class) or edit (identity and contact only) a person. */
export function PersonForm({
  action,
  values,
  errors,
  csrf,
  classes,
  creating,
}: {
  action: string;
  values: PersonFormValues;
  errors?: FieldErrors;
  csrf: string;
  classes: ClassOption[];
  creating: boolean;
}) {
  return (
    <>
      <h1>{creating ? t('directory.people.new') : `${t('directory.people.edit')} — ${values.firstName ?? ''} ${values.lastName ?? ''}`}</h1>
      <ErrorSummary errors={errors} labels={labels} />
      <form method="post" action={action} class="card" novalidate>
        <CsrfField token={csrf} />
        {creating && (
          <Field name="profile" label={labels.profile} required error={errors?.profile}>
            <select id="field-profile" name="profile" required>
              <option value="" selected={!values.profile}>
                {t('directory.field.choose')}
              </option>
              {PROFILES.map((p) => (
                <option value={p} selected={values.profile === p}>
                  {profileLabel(p)}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field name="civility" label={t('directory.field.civility')} value={values.civility} autocomplete="honorific-prefix" />
        <Field name="firstName" label={labels.firstName} value={values.firstName} required error={errors?.firstName} autocomplete="off" />
        <Field name="lastName" label={labels.lastName} value={values.lastName} required error={errors?.lastName} autocomplete="off" />
        <Field name="usageName" label={labels.usageName} value={values.usageName} error={errors?.usageName} autocomplete="off" />
        <Field name="birthDate" label={labels.birthDate} type="date" value={values.birthDate} error={errors?.birthDate} />
        <Field name="email" label={labels.email} type="email" value={values.email} error={errors?.email} autocomplete="off" />
        <Field name="phone" label={labels.phone} type="tel" value={values.phone} error={errors?.phone} autocomplete="off" />
        {creating && classes.length > 0 && (
          <Field name="classId" label={labels.classId} error={errors?.classId}>
            <select id="field-classId" name="classId">
              <option value="">{t('directory.field.noClass')}</option>
              {classes.map((c) => (
                <option value={c.id} selected={values.classId === c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <button type="submit" class="button button--primary">
          {creating ? t('directory.people.create') : t('directory.people.save')}
        </button>
      </form>
    </>
  );
}
