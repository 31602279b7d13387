import { formatDate } from '../../../kernel/i18n/index.js';
import { CsrfField } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { BlogPlace, MediaView } from '../service/reads.js';
import type { PostStatus, PostAudience } from '../tables.js';

export interface SchoolEntry {
  id: string;
  name: string;
  open: boolean;
  canOpen: boolean;
}

export function BlogIndex({ classes, schools, csrf }: { classes: { id: string; name: string }[]; schools: SchoolEntry[]; csrf?: string }) {
  return (
    <>
      <h1>{t('blog.title')}</h1>
      {schools.length > 0 && (
        <section aria-labelledby="school-blogs">
          <h2 id="school-blogs">{t('blog.schools')}</h2>
          <ul class="list-plain">
            {schools.map((s) =>
              s.open ? (
                <li>
                  <a href={`/blog/schools/${s.id}`}>{t('blog.schoolTitle', s.name)}</a>
                </li>
              ) : (
                s.canOpen && (
                  <li>
                    <form method="post" action={`/blog/schools/${s.id}/open`} class="inline-form">
                      <CsrfField token={csrf} />
                      <button type="submit" class="button">
                        {t('blog.school.open', s.name)}
                      </button>
                    </form>
                    <p class="field__hint">{t('blog.school.openHint')}</p>
                  </li>
                )
              ),
            )}
          </ul>
        </section>
      )}
      {classes.length === 0 ? (
        <p>{t('blog.none')}</p>
      ) : (
        <ul class="list-plain">
          {classes.map((c) => (
            <li>
              <a href={`/blog/classes/${c.id}`}>{t('blog.classTitle', c.name)}</a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function StatusBadges({
  post,
  school,
}: {
  post: { status: PostStatus; audience: PostAudience; familiesHiddenAt: string | null };
  /** A post of the school's blog: "the class only" reads "the school only". */
  school?: boolean;
}) {
  return (
    <>
      {post.status === 'draft' && <span class="badge badge--muted">{t('blog.status.draft')}</span>}
      {post.status === 'pending' && <span class="badge badge--warn">{t('blog.status.pending')}</span>}
      {post.status === 'published' && post.audience === 'class' && (
        <span class="badge badge--muted">{school ? t('blog.status.schoolOnly') : t('blog.status.classOnly')}</span>
      )}
      {post.status === 'published' && post.audience === 'families' && post.familiesHiddenAt && <span class="badge badge--warn">{t('blog.status.hidden')}</span>}
    </>
  );
}

/** A thumbnail, loaded only when it scrolls into view, with its size set so the page does not jump. */
export function Thumb({ m }: { m: MediaView }) {
  if (m.kind === 'video')
    return (
      <video controls preload="none" src={`/blog/media/${m.id}`} class="blog-video">
        <a href={`/blog/media/${m.id}`}>{m.fileName}</a>
      </video>
    );
  return (
    <a href={`/blog/media/${m.id}`}>
      <img
        src={`/blog/media/${m.id}/thumb`}
        loading="lazy"
        decoding="async"
        width={m.thumbWidth ?? undefined}
        height={m.thumbHeight ?? undefined}
        alt={m.caption || m.fileName}
      />
    </a>
  );
}

interface Card {
  id: string;
  title: string;
  body: string;
  status: PostStatus;
  audience: PostAudience;
  familiesHiddenAt: string | null;
  publishedAt: string | null;
  createdAt: string;
  authorName: string;
  media: MediaView[];
}

export function BlogPage(props: {
  place: BlogPlace;
  posts: Card[];
  canWrite: boolean;
  canManage: boolean;
  settings: { pupilsWrite: boolean; parentsComment: boolean };
  csrf?: string;
}) {
  return (
    <>
      <div class="page-header">
        <h1>{props.place.title}</h1>
        {props.canWrite && (
          <a class="button button--primary" href={`${props.place.href}/posts/new`}>
            {t('blog.new')}
          </a>
        )}
      </div>
      {props.posts.length === 0 && <p>{t('blog.noPosts')}</p>}
      {props.posts.map((p) => (
        <article class="card">
          <h2>
            <a href={`/blog/posts/${p.id}`}>{p.title}</a>
          </h2>
          <p class="muted">
            {t('blog.by', p.authorName, formatDate(p.publishedAt ?? p.createdAt))} <StatusBadges post={p} school={props.place.kind === 'school'} />
          </p>
          <div class="rich-text" dangerouslySetInnerHTML={{ __html: p.body }} />
          {p.media.length > 0 && (
            <div class="blog-gallery">
              {p.media.slice(0, 4).map((m) => (
                <Thumb m={m} />
              ))}
            </div>
          )}
          {p.media.length > 4 && (
            <p>
              <a href={`/blog/posts/${p.id}`}>{`${t('blog.readMore', p.title)} (${t('blog.photos', p.media.length)})`}</a>
            </p>
          )}
        </article>
      ))}
      {props.canManage && (
        <form method="post" action={`${props.place.href}/settings`} class="card">
          <h2>{t('blog.settings')}</h2>
          <CsrfField token={props.csrf} />
          <div class="field field--check">
            <input type="checkbox" id="field-pupilsWrite" name="pupilsWrite" value="on" checked={props.settings.pupilsWrite} />
            <label for="field-pupilsWrite">{t('blog.settings.pupilsWrite')}</label>
          </div>
          <div class="field field--check">
            <input type="checkbox" id="field-parentsComment" name="parentsComment" value="on" checked={props.settings.parentsComment} />
            <label for="field-parentsComment">{t('blog.settings.parentsComment')}</label>
          </div>
          <button type="submit" class="button">
            {t('blog.settings.save')}
          </button>
        </form>
      )}
    </>
  );
}
