// Correcting a published item: its words, its end date and whether it is pinned. Its audience and
// its start stay as published (the audience was told then; a new audience is a new item).
import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { Problems } from '../../../kernel/http/errors.js';
import { htmlToText, htmlToTypedText, richText } from '../../../kernel/rich-text.js';
import { t } from '../i18n/fr.js';
import * as repo from '../repository.js';
import type { Deps } from './deps.js';
import { itemFacts } from './items.js';

export interface NewsEdit {
  title?: string;
  body?: string;
  /** An instant, null for no end, or `invalid` for a date that could not be read. */
  publishTo?: string | null;
  pinned?: boolean;
}

/** The item as its editor sees it: what the form shows, after the same rule as the change. */
export async function editable(deps: Deps, actor: Actor, id: string) {
  const item = await repo.findItem(deps.db, id);
  authorize(actor, 'news.item.edit', await itemFacts(deps.db, actor, item, deps.clock.now()));
  return {
    id: item!.id,
    title: item!.title,
    body: htmlToTypedText(item!.bodyHtml),
    publishFrom: item!.publishFrom,
    publishTo: item!.publishTo,
    pinned: item!.pinned === 1,
  };
}

/** Applies the fields given; a bad one is a 400 naming it, and nothing changes. */
export async function editItem(deps: Deps, actor: Actor, id: string, input: NewsEdit): Promise<{ id: string; updatedAt: string }> {
  const now = deps.clock.now();
  const item = await repo.findItem(deps.db, id);
  authorize(actor, 'news.item.edit', await itemFacts(deps.db, actor, item, now));
  const problems = new Problems();
  const title = input.title?.trim();
  const bodyHtml = input.body === undefined ? undefined : richText(input.body);
  if (title !== undefined) problems.check(title.length > 0 && title.length <= 200, 'title', t('news.error.title'));
  if (bodyHtml !== undefined) problems.check(htmlToText(bodyHtml).length > 0, 'body', t('news.error.body'));
  const to = input.publishTo;
  if (to !== undefined && to !== null) {
    const valid = to !== 'invalid' && !Number.isNaN(Date.parse(to));
    problems.check(valid, 'publishTo', t('news.error.date'));
    if (valid) problems.check(Date.parse(to) > Date.parse(item!.publishFrom), 'publishTo', t('news.error.window'));
  }
  problems.throwIfAny('news.invalid');
  const updatedAt = now.toISOString();
  await repo.updateItem(deps.db, id, {
    ...(title !== undefined && { title }),
    ...(bodyHtml !== undefined && { bodyHtml }),
    ...(to !== undefined && { publishTo: to === null ? null : new Date(to).toISOString() }),
    ...(input.pinned !== undefined && { pinned: input.pinned ? 1 : 0 }),
    updatedAt,
  });
  return { id, updatedAt };
}
