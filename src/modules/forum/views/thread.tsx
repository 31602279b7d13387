import { formatDateTime } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { threadPage } from '../service/threads.js';
import { Pager, SubscribeForm } from './forums.js';

type ThreadPageData = Awaited<ReturnType<typeof threadPage>>;
type Post = ThreadPageData['posts'][number];

const ACTIONS = {
  lock: 'forum.moderation.lock',
  unlock: 'forum.moderation.unlock',
  hide: 'forum.moderation.hide',
  unhide: 'forum.moderation.unhide',
} as const;

/** Which form of the page failed, to show its message and what was typed. */
export interface ThreadPageErrors {
  form: 'reply' | 'report' | 'moderation';
  targetId: string;
  value: string;
  errors: FieldErrors;
}

function ReasonForm(props: {
  action: string;
  act: string;
  label: string;
  id: string;
  csrf: string;
  required: boolean;
  failed?: ThreadPageErrors;
  primary?: boolean;
}) {
  const error = props.failed?.targetId === props.id ? props.failed.errors.reason : undefined;
  const fieldId = `field-reason-${props.id}`;
  return (
    <form method="post" action={props.action} class="inline-form">
      <CsrfField token={props.csrf} />
      <input type="hidden" name="action" value={props.act} />
      {props.required && (
        <div class={error ? 'field field--error' : 'field'}>
          <label for={fieldId}>{t('forum.moderation.reason')}</label>
          {error && (
            <p class="field__error" id={`${fieldId}-error`}>
              {error}
            </p>
          )}
          <input
            id={fieldId}
            name="reason"
            type="text"
            maxLength={500}
            value={error ? props.failed!.value : ''}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? `${fieldId}-error` : undefined}
          />
        </div>
      )}
      <button type="submit" class={props.primary ? 'button button--primary' : 'button'}>
        {props.label}
      </button>
    </form>
  );
}

function PostCard({ post, data, csrf, failed }: { post: Post; data: ThreadPageData; csrf: string; failed?: ThreadPageErrors }) {
  const reportFailed = failed?.form === 'report' && failed.targetId === post.id ? failed : undefined;
  const moderationFailed = failed?.form === 'moderation' && failed.targetId === post.id;
  return (
    <article class="card" id={`post-${post.id}`} aria-label={t('forum.post.by', post.author, formatDateTime(post.createdAt))}>
      <p class="muted">
        <strong>{post.author}</strong>, {formatDateTime(post.createdAt)}
        {post.opening && <> · {t('forum.post.opening')}</>}
        {post.editedAt && <> · {t('forum.post.edited', formatDateTime(post.editedAt))}</>}
      </p>
      {post.hidden && <p class="badge badge--warn">{post.hideReason ? t('forum.post.hiddenBecause', post.hideReason) : t('forum.post.hidden')}</p>}
      {post.body && <div class="rich-text" dangerouslySetInnerHTML={{ __html: post.body }} />}
      {post.editable && (
        <p>
          <a href={`/forum/posts/${post.id}/edit`}>{t('forum.edit.link')}</a>
        </p>
      )}
      {post.reportable && (
        <details open={!!reportFailed}>
          <summary>{t('forum.report.open')}</summary>
          <form method="post" action={`/forum/posts/${post.id}/report`}>
            <CsrfField token={csrf} />
            <ErrorSummary errors={reportFailed?.errors} />
            <Field name={`report-${post.id}`} label={t('forum.report.reason')} error={reportFailed?.errors.reason}>
              <input
                id={`field-report-${post.id}`}
                name="reason"
                type="text"
                maxLength={500}
                value={reportFailed?.value ?? ''}
                aria-invalid={reportFailed ? 'true' : undefined}
              />
            </Field>
            <button type="submit" class="button">
              {t('forum.report.submit')}
            </button>
          </form>
        </details>
      )}
      {data.canModerate && post.hidden && (
        <ReasonForm
          action={`/forum/posts/${post.id}/moderation`}
          act="unhide"
          label={t('forum.moderation.unhidePost')}
          id={post.id}
          csrf={csrf}
          required={false}
        />
      )}
      {data.canModerate && !post.hidden && (
        <details open={moderationFailed}>
          <summary>{t('forum.moderation.hidePost')}</summary>
          <ReasonForm
            action={`/forum/posts/${post.id}/moderation`}
            act="hide"
            label={t('forum.moderation.hidePost')}
            id={post.id}
            csrf={csrf}
            required
            failed={failed?.form === 'moderation' ? failed : undefined}
          />
        </details>
      )}
    </article>
  );
}

export function ThreadPage({ data, csrf, failed }: { data: ThreadPageData; csrf: string; failed?: ThreadPageErrors }) {
  const th = data.thread;
  const replyFailed = failed?.form === 'reply' ? failed : undefined;
  const base = `/forum/threads/${th.id}`;
  return (
    <>
      <p>
        <a href={`/forum/forums/${data.forum.id}`}>
          {t('forum.back')} — {data.forumName}
        </a>
      </p>
      <div class="page-header">
        <h1>{th.title}</h1>
        <SubscribeForm
          action={`${base}/subscription`}
          subscribed={data.subscribed}
          on={t('forum.subscribe.thread')}
          off={t('forum.unsubscribe.thread')}
          csrf={csrf}
        />
      </div>
      {!data.current && <p class="badge badge--warn">{t('forum.past')}</p>}
      {th.locked === 1 && <p class="badge badge--muted">{t('forum.thread.lockedBecause', th.lockReason ?? '')}</p>}
      {th.hidden === 1 && <p class="badge badge--warn">{t('forum.thread.hiddenBecause', th.hideReason ?? '')}</p>}
      {data.posts.map((post) => (
        <PostCard post={post} data={data} csrf={csrf} failed={failed} />
      ))}
      <Pager base={base} total={data.total} limit={data.page.limit} offset={data.page.offset} />
      {data.canReply ? (
        <form method="post" action={`${base}/replies`} class="card" novalidate>
          <h2>{t('forum.reply.title')}</h2>
          <ErrorSummary errors={replyFailed?.errors} labels={{ body: t('forum.thread.body') }} />
          <CsrfField token={csrf} />
          <Field name="body" label={t('forum.thread.body')} error={replyFailed?.errors.body} hint={t('forum.thread.bodyHint')}>
            <textarea
              id="field-body"
              name="body"
              rows={5}
              aria-invalid={replyFailed ? 'true' : undefined}
              aria-describedby={replyFailed ? 'field-body-hint field-body-error' : 'field-body-hint'}
            >
              {replyFailed?.value ?? ''}
            </textarea>
          </Field>
          <button type="submit" class="button button--primary">
            {t('forum.reply.submit')}
          </button>
        </form>
      ) : (
        data.whyNot && <p class="card">{data.whyNot}</p>
      )}
      {data.canModerate && (
        <section class="card" aria-labelledby="moderation-title">
          <h2 id="moderation-title">{t('forum.moderation.title')}</h2>
          <ReasonForm
            action={`${base}/moderation`}
            act={th.locked ? 'unlock' : 'lock'}
            label={t(ACTIONS[th.locked ? 'unlock' : 'lock'])}
            id={`lock-${th.id}`}
            csrf={csrf}
            required={!th.locked}
            failed={failed?.form === 'moderation' ? failed : undefined}
          />
          <ReasonForm
            action={`${base}/moderation`}
            act={th.hidden ? 'unhide' : 'hide'}
            label={t(ACTIONS[th.hidden ? 'unhide' : 'hide'])}
            id={`hide-${th.id}`}
            csrf={csrf}
            required={!th.hidden}
            failed={failed?.form === 'moderation' ? failed : undefined}
          />
          {data.moderations.length > 0 && (
            <>
              <h3>{t('forum.moderation.history')}</h3>
              <ul>
                {data.moderations.map((m) => (
                  <li>
                    {t('forum.moderation.entry', m.moderator, t(ACTIONS[m.action]), formatDateTime(m.at))}
                    {m.reason && <> : {m.reason}</>}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </>
  );
}

/** The author's correction of a post: a textarea with the text as typed, without JavaScript. */
export function PostEditPage(props: { id: string; threadId: string; body: string; csrf: string; errors?: FieldErrors }) {
  const error = props.errors?.body;
  return (
    <>
      <h1>{t('forum.edit.title')}</h1>
      <p class="muted">{t('forum.edit.hint')}</p>
      <ErrorSummary errors={props.errors} labels={{ body: t('forum.edit.body') }} />
      <form method="post" action={`/forum/posts/${props.id}/edit`}>
        <CsrfField token={props.csrf} />
        <Field name="body" label={t('forum.edit.body')} error={error} required>
          <textarea
            id="field-body"
            name="body"
            rows={8}
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'field-body-error' : undefined}
          >
            {props.body}
          </textarea>
        </Field>
        <p class="actions">
          <button type="submit" class="button button--primary">
            {t('forum.edit.save')}
          </button>
          <a href={`/forum/threads/${props.threadId}`}>{t('forum.edit.cancel')}</a>
        </p>
      </form>
    </>
  );
}
