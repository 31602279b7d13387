import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { InvalidInput } from '../../../kernel/http/errors.js';
import { groupStanding, schoolYearOf } from '../../directory/index.js';
import { t } from '../i18n/fr.js';
import * as repo from '../repository.js';
import type { Link, LinkBody } from '../schema.js';
import type { ResourceLinksTable } from '../tables.js';
import { httpUrl } from '../urls.js';
import type { Deps } from './deps.js';

const clean = (values: string[] | undefined) => [...new Set((values ?? []).map((v) => v.trim()).filter(Boolean))];

/** Checks the address and the classes before anything is written. */
async function validated(deps: Deps, actor: Actor, body: LinkBody) {
  const url = httpUrl(body.url);
  if (!url) {
    // A script address is named as such: the teacher may have pasted a bookmarklet by mistake.
    const script = /^\s*javascript:/i.test(body.url);
    throw new InvalidInput([{ field: 'url', message: t(script ? 'resources.error.script' : 'resources.error.url') }], 'resources.bad_url');
  }
  const groupIds = [...new Set(body.groupIds ?? [])];
  for (const groupId of groupIds) {
    const standing = await groupStanding(deps.db, actor.personId, groupId, deps.clock.now());
    authorize(actor, 'resources.link.share', standing);
  }
  return {
    url,
    groupIds,
    fields: {
      title: body.title.trim(),
      description: (body.description ?? '').trim(),
      levelsJson: JSON.stringify(clean(body.levels)),
      subjectsJson: JSON.stringify(clean(body.subjects)),
      tagsJson: JSON.stringify(clean(body.tags)),
      theme: (body.theme ?? '').trim(),
      sharedWithSchool: body.sharedWithSchool ? 1 : 0,
    },
  };
}

export async function createLink(deps: Deps, actor: Actor, body: LinkBody): Promise<{ id: string }> {
  authorize(actor, 'resources.link.create', {});
  if (!actor.activeStructureId) throw new InvalidInput([{ field: '_form', message: t('resources.error.noSchool') }]);
  const { url, groupIds, fields } = await validated(deps, actor, body);
  const now = deps.clock.now().toISOString();
  const row: ResourceLinksTable = {
    id: newId(),
    ownerId: actor.personId,
    structureId: actor.activeStructureId,
    url,
    ...fields,
    copiedFrom: null,
    checkStatus: null,
    checkedAt: null,
    deadSince: null,
    createdAt: now,
    updatedAt: now,
  };
  await deps.db.transaction().execute((trx) => repo.insertLink(trx, row, groupIds));
  return { id: row.id };
}

const year = (deps: Deps) => schoolYearOf(deps.clock.now());

export async function updateLink(deps: Deps, actor: Actor, id: string, body: LinkBody): Promise<{ id: string }> {
  const facts = await repo.linkFacts(deps.db, actor, id, year(deps));
  authorize(actor, 'resources.link.edit', facts);
  const { url, groupIds, fields } = await validated(deps, actor, body);
  const changed = url !== facts.link.url;
  await deps.db
    .transaction()
    .execute((trx) =>
      repo.updateLink(
        trx,
        id,
        { ...fields, url, updatedAt: deps.clock.now().toISOString(), ...(changed ? { checkStatus: null, checkedAt: null, deadSince: null } : {}) },
        groupIds,
      ),
    );
  return { id };
}

/** The owner's link, for the edit form (others get 404). */
export async function editableLink(deps: Deps, actor: Actor, id: string): Promise<Link> {
  const facts = await repo.linkFacts(deps.db, actor, id, year(deps));
  authorize(actor, 'resources.link.edit', facts);
  const groups = (await repo.groupsOfLinks(deps.db, [id])).get(id) ?? [];
  return toLink(actor, { ...facts.link, owner: actor.displayName }, groups);
}

export async function deleteLink(deps: Deps, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'resources.link.edit', await repo.linkFacts(deps.db, actor, id, year(deps)));
  await deps.db.transaction().execute((trx) => repo.deleteLink(trx, id));
}

/** A colleague's shared link becomes the teacher's own private copy. */
export async function copyLink(deps: Deps, actor: Actor, id: string): Promise<{ id: string }> {
  const facts = await repo.linkFacts(deps.db, actor, id, year(deps));
  authorize(actor, 'resources.link.copy', facts);
  const now = deps.clock.now().toISOString();
  const { link } = facts;
  const row: ResourceLinksTable = {
    ...link,
    id: newId(),
    ownerId: actor.personId,
    structureId: actor.activeStructureId ?? link.structureId,
    sharedWithSchool: 0,
    copiedFrom: link.id,
    createdAt: now,
    updatedAt: now,
  };
  await repo.insertLink(deps.db, row, []);
  return { id: row.id };
}

type Row = Awaited<ReturnType<typeof repo.readableLinks>>[number];

function toLink(actor: Actor, r: Row | (ResourceLinksTable & { owner: string }), groups: { id: string; name: string }[]): Link {
  const mine = r.ownerId === actor.personId;
  return {
    id: r.id,
    title: r.title,
    url: r.url,
    description: r.description,
    levels: repo.parseList(r.levelsJson),
    subjects: repo.parseList(r.subjectsJson),
    theme: r.theme,
    tags: repo.parseList(r.tagsJson),
    ownerId: r.ownerId,
    owner: r.owner,
    mine,
    groups: mine ? groups : [],
    sharedWithSchool: r.sharedWithSchool === 1,
    checkStatus: mine && (r.checkStatus === 'ok' || r.checkStatus === 'dead') ? r.checkStatus : null,
  };
}

/** The links the person may read: their own, their classes', their colleagues' shared ones. */
export async function listLinks(deps: Deps, actor: Actor, scope: repo.LinkScope = 'all'): Promise<Link[]> {
  authorize(actor, 'resources.links.open', {});
  const rows = await repo.readableLinks(deps.db, actor, year(deps), scope);
  const groups = await repo.groupsOfLinks(
    deps.db,
    rows.filter((r) => r.ownerId === actor.personId).map((r) => r.id),
  );
  return rows.map((r) => toLink(actor, r, groups.get(r.id) ?? []));
}

export async function readLink(deps: Deps, actor: Actor, id: string): Promise<Link> {
  const facts = await repo.linkFacts(deps.db, actor, id, year(deps));
  authorize(actor, 'resources.link.read', facts);
  const owner = await repo.ownerName(deps.db, facts.ownerId);
  const groups = (await repo.groupsOfLinks(deps.db, [id])).get(id) ?? [];
  return toLink(actor, { ...facts.link, owner }, groups);
}
