import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { BlogPlace, MediaView } from '../service/reads.js';

export interface EditorValues {
  title: string;
  body: string;
  audience: string;
  captions: Record<string, string>;
  tags: Record<string, string[]>;
  remove: string[];
}

export interface EditorProps {
  action: string;
  csrf?: string;
  place: BlogPlace;
  editing: boolean;
  /** A teacher of the class: may publish. */
  publishes: boolean;
  /** Already published: saving keeps it published. */
  published?: boolean;
  media: MediaView[];
  pupils: { id: string; name: string; consent: boolean }[];
  values: EditorValues;
  errors?: FieldErrors;
}

const labels = (media: MediaView[]) => ({
  title: t('blog.field.title'),
  body: t('blog.field.body'),
  files: t('blog.field.files'),
  ...Object.fromEntries(
    media.flatMap((m, i) => [
      [`media.${m.id}`, t('blog.photo', i + 1, m.fileName)],
      [`tags.${m.id}`, t('blog.photo', i + 1, m.fileName)],
    ]),
  ),
});

const audienceLabel = (place: BlogPlace, audience: 'class' | 'families') =>
  place.kind === 'school'
    ? audience === 'class'
      ? t('blog.audience.school')
      : t('blog.audience.schoolFamilies')
    : audience === 'class'
      ? t('blog.audience.class')
      : t('blog.audience.families');

export function PostEditor(p: EditorProps) {
  const v = p.values;
  const errors = p.errors ?? {};
  return (
    <>
      <h1>{p.editing ? t('blog.edit') : t('blog.new')}</h1>
      <p>
        <a href={p.place.href}>{p.place.back}</a>
      </p>
      <form method="post" action={p.action} enctype="multipart/form-data">
        <CsrfField token={p.csrf} />
        <ErrorSummary errors={p.errors} labels={labels(p.media)} />
        {!p.editing && <p class="field__hint">{t('blog.newHint')}</p>}
        <Field name="title" label={t('blog.field.title')} value={v.title} error={errors.title} required />
        <Field name="body" label={t('blog.field.body')} hint={t('blog.field.bodyHint')} error={errors.body}>
          <textarea id="field-body" name="body" rows={8} aria-describedby="field-body-hint" aria-invalid={errors.body ? 'true' : undefined}>
            {v.body}
          </textarea>
        </Field>
        {p.media.map((m, i) => {
          const problem = errors[`media.${m.id}`] ?? errors[`tags.${m.id}`];
          return (
            <fieldset class={problem ? 'field-group field--error' : 'field-group'} id={`field-media.${m.id}`}>
              <legend>{t('blog.photo', i + 1, m.fileName)}</legend>
              {m.kind === 'image' && (
                <img src={`/blog/media/${m.id}/thumb`} loading="lazy" width={m.thumbWidth ?? undefined} height={m.thumbHeight ?? undefined} alt="" />
              )}
              {problem && (
                <p class="field__error" id={`field-tags.${m.id}`}>
                  {problem}
                </p>
              )}
              <Field name={`caption.${m.id}`} label={t('blog.field.caption')} value={v.captions[m.id] ?? m.caption} error={errors[`caption.${m.id}`]} />
              {p.pupils.length > 0 && (
                <fieldset class="field-group">
                  <legend>{t('blog.field.tags')}</legend>
                  {p.pupils.map((pupil) => (
                    <div class="field field--check">
                      <input
                        type="checkbox"
                        id={`tag-${m.id}-${pupil.id}`}
                        name={`tags.${m.id}`}
                        value={pupil.id}
                        checked={(v.tags[m.id] ?? m.tags).includes(pupil.id)}
                      />
                      <label for={`tag-${m.id}-${pupil.id}`}>
                        {pupil.name}
                        {!pupil.consent && <span class="badge badge--warn">{` ${t('blog.field.noConsent')}`}</span>}
                      </label>
                    </div>
                  ))}
                </fieldset>
              )}
              <input type="hidden" name="media" value={m.id} />
              <div class="field field--check">
                <input type="checkbox" id={`remove-${m.id}`} name="remove" value={m.id} checked={v.remove.includes(m.id)} />
                <label for={`remove-${m.id}`}>{t('blog.field.remove')}</label>
              </div>
            </fieldset>
          );
        })}
        <Field name="files" label={t('blog.field.files')} hint={t('blog.field.filesHint')} error={errors.files}>
          <input
            id="field-files"
            name="files"
            type="file"
            multiple
            accept="image/jpeg,image/png,image/webp,image/gif,video/mp4,video/quicktime,video/webm"
            aria-describedby="field-files-hint"
          />
        </Field>
        <fieldset class="field-group">
          <legend>{t('blog.field.audience')}</legend>
          {(['class', 'families'] as const).map((a) => (
            <div class="field field--check">
              <input type="radio" id={`audience-${a}`} name="audience" value={a} checked={(v.audience || 'families') === a} />
              <label for={`audience-${a}`}>{audienceLabel(p.place, a)}</label>
            </div>
          ))}
        </fieldset>
        <p class="actions">
          {!p.editing ? (
            <button type="submit" name="action" value="draft" class="button button--primary">
              {t('blog.action.continue')}
            </button>
          ) : (
            <>
              <button type="submit" name="action" value="draft" class="button">
                {p.published ? t('blog.action.save') : t('blog.action.draft')}
              </button>
              {p.publishes ? (
                <button type="submit" name="action" value="publish" class="button button--primary">
                  {t('blog.action.publish')}
                </button>
              ) : (
                <button type="submit" name="action" value="submit" class="button button--primary">
                  {t('blog.action.submit')}
                </button>
              )}
            </>
          )}
        </p>
      </form>
    </>
  );
}
