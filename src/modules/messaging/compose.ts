// The compose form's use cases: what a new, reply, forward or draft form starts with, and what
// the form shows (groups one may address, chosen people, search results, attachments).
import type { Actor } from '../../kernel/authz/index.js';
import { formatDateTime, sortByDisplay } from '../../kernel/i18n/index.js';
import { displayName } from '../directory/index.js';
import { htmlToText } from './body.js';
import { messagingFr, t } from './i18n/fr.js';
import { messageView, replyAllTokens } from './read.js';
import * as repo from './repository.js';
import * as engine from './repository/rules.js';
import { MAX_SUBJECT, describeTokens, ownDraft, readable, yearOf, type MessagingDeps } from './service.js';
import { groupTargets } from './targets.js';
import type { ComposeValues } from './views/compose.js';

export interface ComposeStart {
  draft?: string;
  reply?: string;
  replyAll?: string;
  forward?: string;
  to?: string;
}

/** The form's first values: a draft of one's own, a reply to a message one may read, a forward, or a person to write to. */
export async function composeStart(deps: MessagingDeps, actor: Actor, query: ComposeStart) {
  const values: ComposeValues = { subject: '', body: '' };
  let to: string[] = [];
  let cc: string[] = [];
  const replyId = query.reply ?? query.replyAll;
  if (query.draft) {
    // Only one's own draft opens in the form; anything else is "not found".
    await ownDraft(deps.db, actor, query.draft);
    const view = await messageView(deps, actor, query.draft);
    Object.assign(values, { draftId: view.id, subject: view.subject, body: htmlToText(view.bodyHtml) });
    to = view.to.map((c) => c.token);
    cc = view.cc.map((c) => c.token);
  } else if (replyId) {
    const view = await messageView(deps, actor, replyId, 'messaging.message.reply');
    const prefix = t('messaging.reply.prefix');
    // A subject already answered, in French or in the reader's language, takes no second prefix.
    const answered = [prefix, messagingFr['messaging.reply.prefix']].some((p) => view.subject.startsWith(p));
    Object.assign(values, {
      parentId: view.id,
      subject: answered ? view.subject : `${prefix}${view.subject}`.slice(0, MAX_SUBJECT),
    });
    to = query.replyAll ? await replyAllTokens(deps, actor, view) : [`person:${view.from.id}`];
  } else if (query.forward) {
    const view = await messageView(deps, actor, query.forward, 'messaging.message.forward');
    Object.assign(values, {
      forwardId: view.id,
      subject: `${t('messaging.forward.prefix')}${view.subject}`.slice(0, MAX_SUBJECT),
      body: `\n\n${t('messaging.forward.header', view.from.name, view.sentAt ? formatDateTime(view.sentAt) : '')}\n\n${htmlToText(view.bodyHtml)}`,
    });
  } else if (query.to) {
    to = [query.to];
  }
  return { values, to, cc };
}

export interface ComposeState {
  values: ComposeValues;
  to: string[];
  cc: string[];
  q?: string;
  search?: boolean;
}

/** What the form shows. Names appear only for people the writer may reach: an id typed in the address reveals nobody. */
export async function composeView(deps: MessagingDeps, actor: Actor, state: ComposeState) {
  const { db } = deps;
  const year = yearOf(deps);
  const structureId = actor.activeStructureId;
  const rules = structureId ? await engine.rulesOf(db, structureId, deps.clock.now()) : [];
  const groups = structureId ? await groupTargets(db, actor, structureId, rules, year) : [];
  const known = new Map(groups.map((g) => [g.token, g.label]));
  const personIds = [...state.to, ...state.cc].flatMap((token) => (token.startsWith('person:') ? [token.slice(7).toLowerCase()] : []));
  const reachable = structureId ? await engine.allowedAmong(db, actor, structureId, personIds, year, rules) : new Set<string>();
  const keep = (tokens: string[]) => tokens.filter((token) => !token.startsWith('person:') || reachable.has(token.slice(7).toLowerCase()));
  const [to, cc] = await Promise.all([describeTokens(db, keep(state.to), known, reachable), describeTokens(db, keep(state.cc), known, reachable)]);
  const q = (state.q ?? '').slice(0, 100);
  const found = state.search && structureId ? await engine.searchReachable(db, actor, structureId, q, 20, year, rules) : null;
  const results = found
    ? sortByDisplay(
        found.map((p) => ({ token: `person:${p.id}`, label: displayName(p), profile: p.profile })),
        (r) => r.label,
      )
    : null;
  // Attachments shown are those of one's own draft, or of a message one may forward.
  const sources: string[] = [];
  if (state.values.draftId) sources.push((await ownDraft(db, actor, state.values.draftId)).id);
  if (state.values.forwardId) sources.push((await readable(db, actor, state.values.forwardId, 'messaging.message.forward')).message.id);
  const attachments = (await repo.attachmentsOf(db, sources)).map(({ messageId: _, ...f }) => f);
  return { to, cc, groups, q, results, attachments };
}

/** Recipient search for the JSON API: reachable people and the groups one may address, matching the words. */
export async function recipients(deps: MessagingDeps, actor: Actor, q: string, limit: number) {
  const structureId = actor.activeStructureId;
  if (!structureId) return { people: [], groups: [] };
  const year = yearOf(deps);
  const rules = await engine.rulesOf(deps.db, structureId, deps.clock.now());
  const [people, groups] = await Promise.all([
    engine.searchReachable(deps.db, actor, structureId, q, limit, year, rules),
    groupTargets(deps.db, actor, structureId, rules, year),
  ]);
  return { people, groups };
}
