import { formatDateTime } from '../../../kernel/i18n/index.js';
import { t } from '../i18n/fr.js';
import type { AttachmentView, MessageView } from '../read.js';
import { formatSize } from '../../../kernel/i18n/index.js';
import { MessagingNav } from './common.js';

function Attachments({ files, nested }: { files: AttachmentView[]; nested?: boolean }) {
  if (files.length === 0) return null;
  return (
    <>
      {nested ? <h4>{t('messaging.attachments')}</h4> : <h2>{t('messaging.attachments')}</h2>}
      <ul>
        {files.map((f) => (
          <li>
            <a href={`/messaging/attachments/${f.id}`} download={f.filename}>
              {f.filename}
            </a>{' '}
            <span class="muted">({formatSize(f.size)})</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function Receipts({ receipts }: { receipts: NonNullable<MessageView['receipts']> }) {
  return (
    <section class="card" aria-labelledby="receipts-title">
      <h2 id="receipts-title">{t('messaging.receipts')}</h2>
      <p>{t('messaging.readBy', receipts.read, receipts.total)}</p>
      {receipts.people && (
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">{t('messaging.receipts')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('messaging.col.name')}</th>
                <th scope="col">{t('messaging.col.read')}</th>
              </tr>
            </thead>
            <tbody>
              {receipts.people.map((p) => (
                <tr>
                  <th scope="row">{p.name}</th>
                  <td>{p.readAt ? t('messaging.readOn', formatDateTime(p.readAt)) : <span class="muted">{t('messaging.notRead')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export interface MessagePageProps {
  view: MessageView;
  unread: number;
  manager: boolean;
  readOnly: boolean;
  csrf: string;
}

export function MessagePage({ view, unread, manager, readOnly, csrf }: MessagePageProps) {
  const action = (path: string, label: string, cls = 'button') => (
    <form method="post" action={`/messaging/messages/${view.id}/${path}`}>
      <input type="hidden" name="_csrf" value={csrf} />
      <button type="submit" class={cls}>
        {label}
      </button>
    </form>
  );
  const others = view.thread.filter((m) => m.id !== view.id);
  return (
    <>
      <h1>{view.subject || t('messaging.noSubject')}</h1>
      <MessagingNav current={null} unread={unread} manager={manager} readOnly={readOnly} />
      <article class="card" aria-labelledby="message-meta">
        <dl id="message-meta">
          <dt>{t('messaging.from')}</dt>
          <dd>{view.from.name}</dd>
          <dt>{t('messaging.to')}</dt>
          <dd>{view.to.map((c) => c.label).join(', ')}</dd>
          {view.cc.length > 0 && (
            <>
              <dt>{t('messaging.cc')}</dt>
              <dd>{view.cc.map((c) => c.label).join(', ')}</dd>
            </>
          )}
          <dt>{t('messaging.col.date')}</dt>
          <dd>{view.sentAt ? formatDateTime(view.sentAt) : ''}</dd>
        </dl>
        {view.state === 'held' && <p class="badge badge--warn">{t('messaging.state.held')}</p>}
        {view.state === 'rejected' && <p class="badge badge--muted">{t('messaging.state.rejected')}</p>}
        <div class="message-body" dangerouslySetInnerHTML={{ __html: view.bodyHtml }} />
        <Attachments files={view.attachments} />
      </article>
      <div class="actions">
        {!readOnly && (
          <>
            {!view.mine && (
              <a class="button button--primary" href={`/messaging/compose?reply=${view.id}`}>
                {t('messaging.action.reply')}
              </a>
            )}
            <a class="button" href={`/messaging/compose?replyAll=${view.id}`}>
              {t('messaging.action.replyAll')}
            </a>
            <a class="button" href={`/messaging/compose?forward=${view.id}`}>
              {t('messaging.action.forward')}
            </a>
          </>
        )}
        {!view.mine && view.folder === 'inbox' && action('unread', t('messaging.action.markUnread'))}
        {view.folder === 'trash' ? action('restore', t('messaging.action.restore')) : action('trash', t('messaging.action.trash'))}
      </div>
      {view.receipts && <Receipts receipts={view.receipts} />}
      {others.length > 0 && (
        <section aria-labelledby="thread-title">
          <h2 id="thread-title">{t('messaging.thread')}</h2>
          {others.map((m) => (
            <article class="card">
              <h3>
                <a href={`/messaging/messages/${m.id}`}>{m.subject || t('messaging.noSubject')}</a>
              </h3>
              <p class="muted">
                {m.from} · {m.sentAt ? formatDateTime(m.sentAt) : ''}
              </p>
              <div class="message-body" dangerouslySetInnerHTML={{ __html: m.bodyHtml }} />
              <Attachments files={m.attachments} nested />
            </article>
          ))}
        </section>
      )}
    </>
  );
}
