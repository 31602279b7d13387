import { formatDateTime } from '../../../kernel/i18n/index.js';
import { displayName } from '../../directory/index.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import { threadUnread } from '../routes/present.js';
import type { ForumSummary, forumPage, reportsPage } from '../service/forums.js';

type ForumPageData = Awaited<ReturnType<typeof forumPage>>;

export function ForumIndex({ forums }: { forums: ForumSummary[] }) {
  return (
    <>
      <h1>{t('forum.title')}</h1>
      <p>{t('forum.intro')}</p>
      {forums.length === 0 ? (
        <p>{t('forum.none')}</p>
      ) : (
        <ul class="list-plain">
          {forums.map((f) => (
            <li class="card">
              <h2>
                <a href={`/forum/forums/${f.id}`}>{f.name}</a>
              </h2>
              <p class="muted">
                {t('forum.threads', f.threads)}
                {f.unread > 0 && (
                  <>
                    {' · '}
                    <strong>{t('forum.unread', f.unread)}</strong>
                  </>
                )}
                {f.kind !== 'staff' && f.parentsRead && <> · {t('forum.readers.parents')}</>}
                {f.kind !== 'staff' && f.pupilsWrite && <> · {t('forum.readers.pupilsWrite')}</>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Previous and next links: pages work without JavaScript. */
export function Pager({ base, total, limit, offset }: { base: string; total: number; limit: number; offset: number }) {
  if (total <= limit) return null;
  const pages = Math.ceil(total / limit);
  const page = Math.floor(offset / limit) + 1;
  const link = (o: number) => `${base}?offset=${o}&limit=${limit}`;
  return (
    <nav aria-label={t('forum.pages.label')} class="actions">
      {offset > 0 && (
        <a class="button" href={link(Math.max(0, offset - limit))} rel="prev">
          {t('forum.pages.previous')}
        </a>
      )}
      <span>{t('forum.pages.of', page, pages)}</span>
      {offset + limit < total && (
        <a class="button" href={link(offset + limit)} rel="next">
          {t('forum.pages.next')}
        </a>
      )}
    </nav>
  );
}

export function SubscribeForm({ action, subscribed, on, off, csrf }: { action: string; subscribed: boolean; on: string; off: string; csrf: string }) {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField token={csrf} />
      <input type="hidden" name="subscribed" value={subscribed ? '0' : '1'} />
      <button type="submit" class="button">
        {subscribed ? off : on}
      </button>
    </form>
  );
}

export interface ThreadFormValues {
  title: string;
  body: string;
}

export function ForumPage({ data, csrf, values, errors }: { data: ForumPageData; csrf: string; values?: ThreadFormValues; errors?: FieldErrors }) {
  const f = data.forum;
  return (
    <>
      <p>
        <a href="/forum">{t('forum.back.index')}</a>
      </p>
      <div class="page-header">
        <h1>{data.name}</h1>
        <SubscribeForm
          action={`/forum/forums/${f.id}/subscription`}
          subscribed={data.subscribed}
          on={t('forum.subscribe.forum')}
          off={t('forum.unsubscribe.forum')}
          csrf={csrf}
        />
      </div>
      <p class="muted">
        {t('forum.threads', data.total)}
        {f.kind !== 'staff' && f.parentsRead === 1 && <> · {t('forum.readers.parents')}</>}
        {f.kind !== 'staff' && f.pupilsWrite === 1 && <> · {t('forum.readers.pupilsWrite')}</>}
        {data.openReports > 0 && (
          <>
            {' · '}
            <a href={`/forum/forums/${f.id}/reports`}>{t('forum.reports.link', data.openReports)}</a>
          </>
        )}
      </p>
      {!data.current && <p class="badge badge--warn">{t('forum.past')}</p>}
      {data.threads.length === 0 ? (
        <p>{t('forum.threads.none')}</p>
      ) : (
        <ul class="list-plain">
          {data.threads.map((r) => (
            <li class="card">
              <h2>
                <a href={`/forum/threads/${r.id}`}>{r.title}</a> {threadUnread(r) && <span class="badge badge--ok">{t('forum.thread.unread')}</span>}
                {r.locked === 1 && <span class="badge badge--muted">{t('forum.thread.locked')}</span>}
                {r.hidden === 1 && <span class="badge badge--warn">{t('forum.thread.hidden')}</span>}
              </h2>
              <p class="muted">
                {t('forum.thread.by', displayName(r), formatDateTime(r.createdAt))} · {t('forum.replies', r.replyCount)} ·{' '}
                {t('forum.thread.last', formatDateTime(r.lastPostAt))}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pager base={`/forum/forums/${f.id}`} total={data.total} limit={data.page.limit} offset={data.page.offset} />
      {data.canPost ? (
        <form method="post" action={`/forum/forums/${f.id}/threads`} class="card" novalidate>
          <h2>{t('forum.thread.new')}</h2>
          <ErrorSummary errors={errors} labels={{ title: t('forum.thread.title'), body: t('forum.thread.body') }} />
          <CsrfField token={csrf} />
          <Field name="title" label={t('forum.thread.title')} value={values?.title} error={errors?.title} required />
          <Field name="body" label={t('forum.thread.body')} error={errors?.body} hint={t('forum.thread.bodyHint')} required>
            <textarea
              id="field-body"
              name="body"
              rows={6}
              required
              aria-invalid={errors?.body ? 'true' : undefined}
              aria-describedby={errors?.body ? 'field-body-hint field-body-error' : 'field-body-hint'}
            >
              {values?.body ?? ''}
            </textarea>
          </Field>
          <button type="submit" class="button button--primary">
            {t('forum.thread.submit')}
          </button>
        </form>
      ) : (
        data.whyNot && <p class="card">{data.whyNot}</p>
      )}
      {data.canModerate && <SettingsForm data={data} csrf={csrf} />}
    </>
  );
}

function Check({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <div class="field field--check">
      <input type="checkbox" id={`field-${name}`} name={name} value="on" checked={checked} />
      <label for={`field-${name}`}>{label}</label>
    </div>
  );
}

function SettingsForm({ data, csrf }: { data: ForumPageData; csrf: string }) {
  const f = data.forum;
  return (
    <form method="post" action={`/forum/forums/${f.id}/settings`} class="card">
      <h2>{t('forum.settings.title')}</h2>
      <CsrfField token={csrf} />
      {f.kind === 'staff' ? (
        <p>{t('forum.settings.staff')}</p>
      ) : (
        <>
          <p class="field__hint">{t('forum.settings.hint')}</p>
          {f.kind === 'school' && <Check name="pupilsRead" label={t('forum.settings.pupilsRead')} checked={f.pupilsRead === 1} />}
          <Check name="pupilsWrite" label={t('forum.settings.pupilsWrite')} checked={f.pupilsWrite === 1} />
          <Check name="parentsRead" label={t('forum.settings.parentsRead')} checked={f.parentsRead === 1} />
          <button type="submit" class="button">
            {t('forum.settings.submit')}
          </button>
        </>
      )}
    </form>
  );
}

export function ReportsPage({ data, csrf }: { data: Awaited<ReturnType<typeof reportsPage>>; csrf: string }) {
  return (
    <>
      <p>
        <a href={`/forum/forums/${data.forum.id}`}>{t('forum.back')}</a>
      </p>
      <h1>{t('forum.reports.title', data.name)}</h1>
      {data.reports.length === 0 && <p>{t('forum.reports.none')}</p>}
      {data.reports.map((r) => (
        <article class="card">
          <h2>{r.threadTitle}</h2>
          <p class="muted">
            {t(
              'forum.reports.by',
              displayName({ firstName: r.reporterFirstName, lastName: r.reporterLastName, usageName: r.reporterUsageName }),
              formatDateTime(r.createdAt),
            )}
          </p>
          <p>
            <strong>{r.reason}</strong>
          </p>
          <p class="muted">
            {t('forum.reports.author', displayName({ firstName: r.authorFirstName, lastName: r.authorLastName, usageName: r.authorUsageName }))}
          </p>
          <blockquote class="rich-text" dangerouslySetInnerHTML={{ __html: r.body }} />
          <p class="actions">
            <a class="button" href={`/forum/threads/${r.threadId}#post-${r.postId}`}>
              {t('forum.reports.see')}
            </a>
          </p>
          {data.canModerate && (
            <>
              <form method="post" action={`/forum/posts/${r.postId}/moderation`} class="inline-form">
                <CsrfField token={csrf} />
                <input type="hidden" name="action" value="hide" />
                <Field name={`reason-${r.id}`} label={t('forum.moderation.reason')}>
                  <input id={`field-reason-${r.id}`} name="reason" type="text" maxLength={500} value={r.reason} required />
                </Field>
                <button type="submit" class="button button--primary">
                  {t('forum.moderation.hidePost')}
                </button>
              </form>
              <form method="post" action={`/forum/reports/${r.id}/dismiss`} class="inline-form">
                <CsrfField token={csrf} />
                <button type="submit" class="button">
                  {t('forum.reports.keep')}
                </button>
              </form>
            </>
          )}
        </article>
      ))}
    </>
  );
}
