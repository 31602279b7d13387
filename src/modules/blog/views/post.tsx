import { formatDateTime, formatDate } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { postPage } from '../service/reads.js';
import { StatusBadges, Thumb } from './blog.js';

type Page = Awaited<ReturnType<typeof postPage>>;

export function PostPage({ page, csrf, errors, comment }: { page: Page; csrf?: string; errors?: FieldErrors; comment?: string }) {
  const { post, place, media, comments } = page;
  return (
    <article>
      <p>
        <a href={place.href}>{place.back}</a>
      </p>
      <h1>{post.title}</h1>
      <p class="muted">
        {t('blog.by', post.authorName, formatDate(post.publishedAt ?? post.createdAt))} <StatusBadges post={post} school={place.kind === 'school'} />
      </p>
      <div class="rich-text" dangerouslySetInnerHTML={{ __html: post.body }} />
      {media.length > 0 && (
        <div class="blog-gallery">
          {media.map((m) => (
            <figure>
              <Thumb m={m} />
              {m.caption && <figcaption>{m.caption}</figcaption>}
            </figure>
          ))}
        </div>
      )}
      {(page.can.edit || page.can.delete) && (
        <p class="actions">
          {page.can.edit && (
            <a class="button" href={`/blog/posts/${post.id}/edit`}>
              {t('blog.action.edit')}
            </a>
          )}
          {page.can.delete && (
            <form method="post" action={`/blog/posts/${post.id}/delete`} class="inline-form">
              <CsrfField token={csrf} />
              <button type="submit" class="button button--danger">
                {t('blog.action.delete')}
              </button>
            </form>
          )}
        </p>
      )}
      <section aria-labelledby="comments">
        <h2 id="comments">{t('blog.comments')}</h2>
        {comments.length === 0 && <p>{t('blog.comments.none')}</p>}
        <ul class="list-plain">
          {comments.map((c) => (
            <li class="card">
              <p class="muted">
                {c.authorName}, {formatDateTime(c.createdAt)}
                {c.status === 'pending' && <span class="badge badge--warn"> {t('blog.comment.pending')}</span>}
              </p>
              <p>{c.body}</p>
              {page.can.moderate && c.status === 'pending' && (
                <form method="post" action={`/blog/comments/${c.id}/moderate`} class="inline-form">
                  <CsrfField token={csrf} />
                  <button type="submit" name="decision" value="approve" class="button button--small">
                    {t('blog.comment.approve')}
                  </button>{' '}
                  <button type="submit" name="decision" value="reject" class="button button--small button--quiet">
                    {t('blog.comment.reject')}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
        {page.can.comment && (
          <form method="post" action={`/blog/posts/${post.id}/comments`}>
            <CsrfField token={csrf} />
            <ErrorSummary errors={errors} />
            <div class={errors?.body ? 'field field--error' : 'field'}>
              <label for="field-body">{t('blog.comment.field')}</label>
              {errors?.body && (
                <p class="field__error" id="field-body-error">
                  {errors.body}
                </p>
              )}
              <textarea id="field-body" name="body" rows={3} maxLength={2000} aria-describedby={errors?.body ? 'field-body-error' : undefined}>
                {comment ?? ''}
              </textarea>
            </div>
            <button type="submit" class="button">
              {t('blog.comment.send')}
            </button>
          </form>
        )}
      </section>
    </article>
  );
}
