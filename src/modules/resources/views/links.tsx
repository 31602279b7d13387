import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import { LEVELS, type Link } from '../schema.js';

export interface LinkFormValues {
  title?: string;
  url?: string;
  description?: string;
  levels?: string[];
  subjects?: string;
  theme?: string;
  tags?: string;
  groupIds?: string[];
  sharedWithSchool?: boolean;
}

function LinkItem({ link, csrf, teacher }: { link: Link; csrf: string; teacher: boolean }) {
  const meta = [link.levels.join(', '), link.subjects.join(', '), link.theme].filter(Boolean).join(' · ');
  return (
    <li class="card">
      <h3>
        <a href={link.url} rel="noopener noreferrer nofollow" target="_blank">
          {link.title}
        </a>
      </h3>
      {link.description && <p>{link.description}</p>}
      {meta && <p class="muted">{meta}</p>}
      {link.tags.length > 0 && <p class="muted">{link.tags.map((tag) => `#${tag}`).join(' ')}</p>}
      <p class="muted">{t('resources.links.by', link.owner)}</p>
      {link.mine && (
        <p class="muted">
          {link.groups.length > 0
            ? t('resources.links.sharedWith', link.groups.map((g) => g.name).join(', '))
            : link.sharedWithSchool
              ? t('resources.links.schoolShared')
              : t('resources.links.private')}
        </p>
      )}
      {link.checkStatus === 'dead' && <p class="badge badge--warn">{t('resources.links.dead')}</p>}
      {teacher && (
        <div class="actions">
          {link.mine ? (
            <>
              <a class="button button--small" href={`/resources/links/${link.id}/edit`} aria-label={t('resources.links.editLabel', link.title)}>
                {t('resources.links.edit')}
              </a>{' '}
              <DeleteForm link={link} csrf={csrf} />
            </>
          ) : (
            <form method="post" action={`/resources/links/${link.id}/copy`} class="inline-form">
              <CsrfField token={csrf} />
              <button type="submit" class="button button--small">
                {t('resources.links.copy')}
              </button>
            </form>
          )}
        </div>
      )}
    </li>
  );
}

function DeleteForm({ link, csrf }: { link: Link; csrf: string }) {
  return (
    <form method="post" action={`/resources/links/${link.id}/delete`} class="inline-form">
      <CsrfField token={csrf} />
      <button type="submit" class="button button--small button--danger" aria-label={t('resources.links.deleteLabel', link.title)}>
        {t('resources.links.delete')}
      </button>
    </form>
  );
}

/** The values of the form for a saved link (lists typed with commas). */
export function linkFormValues(link: Link): LinkFormValues {
  return {
    title: link.title,
    url: link.url,
    description: link.description,
    levels: link.levels,
    subjects: link.subjects.join(', '),
    theme: link.theme,
    tags: link.tags.join(', '),
    groupIds: link.groups.map((g) => g.id),
    sharedWithSchool: link.sharedWithSchool,
  };
}

function LinkForm({
  csrf,
  groups,
  values,
  errors,
  action = '/resources/links',
  heading = t('resources.form.title'),
  Heading = 'h2',
}: {
  csrf: string;
  groups: { id: string; name: string }[];
  values: LinkFormValues;
  errors?: FieldErrors;
  action?: string;
  heading?: string;
  Heading?: 'h1' | 'h2';
}) {
  return (
    <section class="card" aria-labelledby="link-form-title">
      <Heading id="link-form-title">{heading}</Heading>
      <ErrorSummary errors={errors} />
      <form method="post" action={action}>
        <CsrfField token={csrf} />
        <Field name="title" label={t('resources.form.name')} value={values.title} error={errors?.title} required />
        <Field name="url" label={t('resources.form.url')} type="url" value={values.url} error={errors?.url} required inputMode="url" />
        <Field name="description" label={t('resources.form.description')} value={values.description} error={errors?.description} />
        <fieldset class="field">
          <legend>{t('resources.form.levels')}</legend>
          {LEVELS.map((level) => (
            <span class="field--check">
              <input type="checkbox" id={`field-level-${level}`} name="levels" value={level} checked={values.levels?.includes(level)} />
              <label for={`field-level-${level}`}>{level}</label>{' '}
            </span>
          ))}
        </fieldset>
        <Field name="subjects" label={t('resources.form.subjects')} value={values.subjects} error={errors?.subjects} />
        <Field name="theme" label={t('resources.form.theme')} value={values.theme} error={errors?.theme} />
        <Field name="tags" label={t('resources.form.tags')} value={values.tags} error={errors?.tags} />
        {groups.length > 0 && (
          <fieldset class="field">
            <legend>{t('resources.form.groups')}</legend>
            {groups.map((g) => (
              <div class="field--check">
                <input type="checkbox" id={`field-group-${g.id}`} name="groupIds" value={g.id} checked={values.groupIds?.includes(g.id)} />
                <label for={`field-group-${g.id}`}>{g.name}</label>
              </div>
            ))}
          </fieldset>
        )}
        <div class="field field--check">
          <input type="checkbox" id="field-sharedWithSchool" name="sharedWithSchool" value="on" checked={values.sharedWithSchool} />
          <label for="field-sharedWithSchool">{t('resources.form.school')}</label>
        </div>
        <p class="actions">
          <button type="submit" class="button button--primary">
            {t('resources.form.save')}
          </button>
        </p>
      </form>
    </section>
  );
}

export function LinksPage(props: {
  csrf: string;
  links: Link[];
  teacher: boolean;
  scope: 'all' | 'mine' | 'school';
  groups: { id: string; name: string }[];
  values?: LinkFormValues;
  errors?: FieldErrors;
  /** Budgets, basket, licences: for those who have them. */
  more?: { href: string; label: string }[];
}) {
  const { links, teacher, scope } = props;
  return (
    <>
      <div class="page-header">
        <h1>{t('resources.links.title')}</h1>
        <p>
          <a href="/resources/catalogue">{t('resources.catalogue.title')}</a>
          {(props.more ?? []).map((m) => (
            <>
              {' · '}
              <a href={m.href}>{m.label}</a>
            </>
          ))}
        </p>
      </div>
      {!teacher && <p>{t('resources.links.intro')}</p>}
      {teacher && (
        <nav aria-label={t('resources.links.title')} class="actions">
          {(['all', 'mine', 'school'] as const).map((s) => (
            <a class="button button--small" href={`/resources/links?scope=${s}`} aria-current={s === scope ? 'page' : undefined}>
              {t(`resources.links.${s}`)}
            </a>
          ))}
        </nav>
      )}
      <h2>{t('resources.links.count', links.length)}</h2>
      {links.length === 0 ? (
        <p>{t('resources.links.none')}</p>
      ) : (
        <ul class="list-plain">
          {links.map((link) => (
            <LinkItem link={link} csrf={props.csrf} teacher={teacher} />
          ))}
        </ul>
      )}
      {teacher && <LinkForm csrf={props.csrf} groups={props.groups} values={props.values ?? {}} errors={props.errors} />}
    </>
  );
}

/** Editing one's own link: the same form, filled in; deleting it from here too. */
export function EditLinkPage(props: { csrf: string; link: Link; groups: { id: string; name: string }[]; values?: LinkFormValues; errors?: FieldErrors }) {
  const { link } = props;
  return (
    <>
      <p>
        <a href="/resources/links?scope=mine">{t('resources.form.cancel')}</a>
      </p>
      <LinkForm
        csrf={props.csrf}
        groups={props.groups}
        values={props.values ?? linkFormValues(link)}
        errors={props.errors}
        action={`/resources/links/${link.id}`}
        heading={t('resources.form.editTitle')}
        Heading="h1"
      />
      <p class="actions">
        <DeleteForm link={link} csrf={props.csrf} />
      </p>
    </>
  );
}
