import type { Actor } from '../../kernel/authz/index.js';
import { displayName } from '../directory/index.js';
import { RECEIPT_DETAIL_LIMIT } from './policy.js';
import * as repo from './repository.js';
import * as engine from './repository/rules.js';
import { chosen, readable, yearOf, type MessagingDeps } from './service.js';

export interface AttachmentView {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface ThreadEntry {
  id: string;
  from: string;
  fromId: string;
  subject: string;
  bodyHtml: string;
  sentAt: string | null;
  mine: boolean;
  attachments: AttachmentView[];
}

export interface MessageView {
  id: string;
  threadId: string;
  state: string;
  subject: string;
  bodyHtml: string;
  from: { id: string; name: string };
  to: { token: string; label: string }[];
  cc: { token: string; label: string }[];
  sentAt: string | null;
  mine: boolean;
  /** Where the reader's copy is. */
  folder: 'inbox' | 'trash' | 'sent' | 'drafts';
  attachments: AttachmentView[];
  /** Earlier and later messages of the conversation the reader may see. */
  thread: ThreadEntry[];
  /** For the sender: who read it, or only how many on large sends. */
  receipts: { total: number; read: number; people: { id: string; name: string; kind: string; readAt: string | null }[] | null } | null;
}

/**
 * A message as the reader may see it. `markRead` is for the page that opens it (the reader's copy
 * becomes read); a JSON read changes nothing, its client says `POST …/read`.
 */
export async function messageView(
  deps: MessagingDeps,
  actor: Actor,
  id: string,
  action: 'messaging.message.read' | 'messaging.message.reply' | 'messaging.message.forward' = 'messaging.message.read',
  { markRead = false }: { markRead?: boolean } = {},
): Promise<MessageView> {
  const { db } = deps;
  const { message, copy } = await readable(db, actor, id, action);
  if (markRead && copy && !copy.readAt) await repo.setCopyRead(db, id, actor.personId, deps.clock.now().toISOString());
  const [sender, thread] = await Promise.all([
    repo.personName(db, message.senderId),
    message.state === 'draft' ? Promise.resolve([]) : repo.threadFor(db, message.threadId, actor.personId),
  ]);
  const ids = [message.id, ...thread.map((m) => m.id)];
  const files = await repo.attachmentsOf(db, ids);
  const filesOf = (messageId: string) => files.filter((f) => f.messageId === messageId).map(({ messageId: _, ...f }) => f);
  const mine = message.senderId === actor.personId;
  const folder = copy ? (copy.folder as 'inbox' | 'trash') : message.state === 'draft' ? 'drafts' : message.senderFolder === 'trash' ? 'trash' : 'sent';
  return {
    id: message.id,
    threadId: message.threadId,
    state: message.state,
    subject: message.subject,
    bodyHtml: message.bodyHtml,
    from: { id: sender.id, name: displayName(sender) },
    to: chosen(message.toJson),
    cc: chosen(message.ccJson),
    sentAt: message.sentAt,
    mine,
    folder,
    attachments: filesOf(message.id),
    thread: thread.map((m) => ({
      id: m.id,
      from: displayName(m),
      fromId: m.senderId,
      subject: m.subject,
      bodyHtml: m.bodyHtml,
      sentAt: m.sentAt,
      mine: m.senderId === actor.personId,
      attachments: filesOf(m.id),
    })),
    receipts: mine && message.state !== 'draft' ? await repo.receipts(db, message.id, RECEIPT_DETAIL_LIMIT) : null,
  };
}

/**
 * Recipients of "reply all": the sender and the people named one by one (never whole groups),
 * minus those the rules do not let the reader write to.
 */
export async function replyAllTokens(deps: MessagingDeps, actor: Actor, view: MessageView): Promise<string[]> {
  const { db } = deps;
  const people = [...view.to, ...view.cc].filter((c) => c.token.startsWith('person:')).map((c) => c.token.slice('person:'.length));
  const candidates = [...new Set([view.from.id, ...people])].filter((id) => id !== actor.personId);
  if (!actor.activeStructureId) return [];
  const year = yearOf(deps);
  const rules = await engine.rulesOf(db, actor.activeStructureId, deps.clock.now());
  const allowed = await engine.allowedAmong(db, actor, actor.activeStructureId, candidates, year, rules);
  return candidates.filter((id) => allowed.has(id)).map((id) => `person:${id}`);
}
