import { authorize, can, NotFound, type Actor } from '../../kernel/authz/index.js';
import type { Clock } from '../../kernel/clock.js';
import { newId, type Db } from '../../kernel/db/index.js';
import { BadRequest, Problems } from '../../kernel/http/errors.js';
import { discardFiles, type StoredFile } from '../../kernel/storage/http.js';
import type { BlobStore } from '../../kernel/storage/index.js';
import type { CalendarEvent, FeedOwner } from '../../kernel/ical/index.js';
import { withLocale } from '../../kernel/i18n/index.js';
import { htmlToText, richText } from '../../kernel/rich-text.js';
import { schoolYearOf } from '../directory/index.js';
import { describeTargets, parseKey } from '../news/index.js';
import { addDays, isRealDay, monthBounds, parisDay, parisInstant, parisTime } from './dates.js';
import { t } from './i18n/fr.js';
import type { EventFacts } from './policy.js';
import * as repo from './repository.js';
import type { EventKind } from './tables.js';

export interface Deps {
  db: Db;
  clock: Clock;
}

/** The attachments' use cases also need the blob store and the largest file accepted. */
export interface FileDeps extends Deps {
  blobs: BlobStore;
  uploadMaxBytes: number;
}

/** Files an event holds at most. */
export const MAX_FILES = 5;

export const EVENT_KINDS: readonly EventKind[] = ['outing', 'meeting', 'council', 'holiday', 'other'];

export interface EventInput {
  kind: EventKind;
  title: string;
  description: string;
  place: string | null;
  startDay: string;
  endDay: string | null;
  /** Both empty: an all-day event. */
  startTime: string | null;
  endTime: string | null;
  audience: string[];
}

async function eventFacts(db: Db, actor: Actor, e: repo.EventRow | undefined, now: Date): Promise<EventFacts | undefined> {
  if (!e) return undefined;
  return {
    authorId: e.authorId,
    structureId: e.structureId,
    cancelled: e.status === 'cancelled',
    inAudience: await repo.isInAudience(db, e.id, actor.personId, schoolYearOf(now)),
  };
}

export function assertMayWrite(actor: Actor): void {
  authorize(actor, 'calendar.event.write', {});
}

/** An event's input checked field by field, its audience target by target like news; throws `calendar.invalid` naming the fields. */
async function validated(deps: Deps, actor: Actor, input: EventInput, now: Date) {
  const problems = new Problems();
  const title = input.title.trim();
  problems.check(title.length > 0 && title.length <= 200, 'title', t('calendar.error.title'));
  problems.check(EVENT_KINDS.includes(input.kind), 'kind', t('calendar.error.field'));
  problems.check(isRealDay(input.startDay), 'startDay', t('calendar.error.day'));
  const endDay = input.endDay || input.startDay;
  problems.check(isRealDay(endDay), 'endDay', t('calendar.error.day'));
  const timed = !!(input.startTime || input.endTime);
  const startsAt = timed ? parisInstant(input.startDay, input.startTime ?? '') : null;
  const endsAt = timed ? parisInstant(endDay, input.endTime ?? '') : null;
  if (timed) {
    problems.check(!!startsAt, 'startTime', t('calendar.error.time'));
    problems.check(!!endsAt, 'endTime', t('calendar.error.time'));
  }
  if (isRealDay(input.startDay) && isRealDay(endDay)) {
    if (endDay < input.startDay) problems.add('endDay', t('calendar.error.end'));
    else if (startsAt && endsAt && endsAt <= startsAt) problems.add('endTime', t('calendar.error.end'));
  }
  const parsed = input.audience.map(parseKey);
  const targets = parsed.filter((x) => x !== null);
  const reachable = (await describeTargets(deps.db, actor, targets, now)).filter((x) => can(actor, 'calendar.audience.reach', x.facts));
  const structures = new Set(reachable.map((x) => x.facts.structureId));
  if (input.audience.length === 0) problems.add('audience', t('calendar.error.audience'));
  else if (parsed.includes(null) || reachable.length !== targets.length) problems.add('audience', t('calendar.error.audience_unreachable'));
  else if (structures.size > 1) problems.add('audience', t('calendar.error.audience_mixed'));
  problems.throwIfAny('calendar.invalid');
  return {
    fields: {
      structureId: [...structures][0]!,
      kind: input.kind,
      title,
      descriptionHtml: richText(input.description),
      place: input.place?.trim() || null,
      startDay: input.startDay,
      endDay,
      startsAt,
      endsAt,
    },
    audiences: (eventId: string) =>
      [...new Map(reachable.map((x) => [x.key, x])).values()].map((x) => ({ eventId, kind: x.kind, targetId: x.targetId, audienceKey: x.key })),
  };
}

/** Adds an event; bad input names its field and stores nothing. */
export async function createEvent(deps: Deps, actor: Actor, input: EventInput): Promise<{ id: string }> {
  assertMayWrite(actor);
  const now = deps.clock.now();
  const { fields, audiences } = await validated(deps, actor, input, now);
  const id = newId();
  const at = now.toISOString();
  await repo.insertEvent(deps.db, { id, authorId: actor.personId, ...fields, status: 'published', sequence: 0, createdAt: at, updatedAt: at }, audiences(id));
  return { id };
}

/**
 * Changes an event (its author or a manager, until it is cancelled): every field and the audience,
 * checked as when it was added. Its sequence moves on, so calendar apps replace their copy.
 */
export async function updateEvent(deps: Deps, actor: Actor, id: string, input: EventInput): Promise<void> {
  const now = deps.clock.now();
  const e = await repo.findEvent(deps.db, id);
  authorize(actor, 'calendar.event.edit', await eventFacts(deps.db, actor, e, now));
  const { fields, audiences } = await validated(deps, actor, input, now);
  await repo.updateEvent(deps.db, id, { ...fields, sequence: e!.sequence + 1, updatedAt: now.toISOString() }, audiences(id));
}

/** What the edit form starts from: the event as stored (its author or a manager). */
export async function editableEvent(deps: Deps, actor: Actor, id: string): Promise<EventInput & { id: string }> {
  const e = await repo.findEvent(deps.db, id);
  authorize(actor, 'calendar.event.edit', await eventFacts(deps.db, actor, e, deps.clock.now()));
  const targets = await repo.audienceKeysOf(deps.db, id);
  return {
    id,
    kind: e!.kind,
    title: e!.title,
    description: e!.descriptionHtml,
    place: e!.place,
    startDay: e!.startDay,
    endDay: e!.endDay === e!.startDay ? null : e!.endDay,
    startTime: e!.startsAt ? parisTime(e!.startsAt) : null,
    endTime: e!.endsAt ? parisTime(e!.endsAt) : null,
    audience: targets,
  };
}

function view(e: repo.EventRow & { structureName: string }) {
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    descriptionHtml: e.descriptionHtml,
    place: e.place,
    structureName: e.structureName,
    startDay: e.startDay,
    endDay: e.endDay,
    allDay: e.startsAt === null,
    startTime: e.startsAt ? parisTime(e.startsAt) : null,
    endTime: e.endsAt ? parisTime(e.endsAt) : null,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    cancelled: e.status === 'cancelled',
  };
}

export type EventView = ReturnType<typeof view>;

/** The events of a month the person may see (`2027-03`), day by day. */
export async function monthEvents(deps: Deps, actor: Actor, month: string) {
  authorize(actor, 'calendar.index.open', {});
  const { first, last } = monthBounds(month);
  const rows = await repo.eventsBetween(deps.db, actor.personId, schoolYearOf(deps.clock.now()), first, last);
  return rows.map(view);
}

/** The next events from today (60 days). */
export async function upcoming(deps: Deps, actor: Actor, from?: string) {
  authorize(actor, 'calendar.index.open', {});
  const today = from ?? parisDay(deps.clock.now());
  const rows = await repo.eventsBetween(deps.db, actor.personId, schoolYearOf(deps.clock.now()), today, addDays(today, 60));
  return rows.map(view);
}

export async function eventDetail(deps: Deps, actor: Actor, id: string) {
  const e = await repo.findEvent(deps.db, id);
  const facts = await eventFacts(deps.db, actor, e, deps.clock.now());
  authorize(actor, 'calendar.event.read', facts);
  const structure = await deps.db.selectFrom('structures').select('name').where('id', '=', e!.structureId).executeTakeFirstOrThrow();
  const audience =
    can(actor, 'calendar.event.cancel', facts) || facts.authorId === actor.personId
      ? await describeTargets(deps.db, actor, await repo.targetsOf(deps.db, id), deps.clock.now())
      : [];
  return {
    ...view({ ...e!, structureName: structure.name }),
    attachments: await repo.attachmentsOf(deps.db, id),
    mayCancel: can(actor, 'calendar.event.cancel', facts),
    mayEdit: can(actor, 'calendar.event.edit', facts),
    audience: audience.map((x) => ({ key: x.key, label: x.label })),
  };
}

export type EventDetail = Awaited<ReturnType<typeof eventDetail>>;

export async function cancelEvent(deps: Deps, actor: Actor, id: string): Promise<void> {
  const e = await repo.findEvent(deps.db, id);
  authorize(actor, 'calendar.event.cancel', await eventFacts(deps.db, actor, e, deps.clock.now()));
  await repo.cancel(deps.db, id, deps.clock.now().toISOString());
}

/** Joins files to an event its author or a manager may change: the rule first, then the stream. */
export async function addAttachments(deps: FileDeps, actor: Actor, id: string, receive: () => Promise<StoredFile[]>) {
  const e = await repo.findEvent(deps.db, id);
  authorize(actor, 'calendar.event.edit', await eventFacts(deps.db, actor, e, deps.clock.now()));
  const held = (await repo.attachmentsOf(deps.db, id)).length;
  const files = await receive();
  if (files.length === 0 || held + files.length > MAX_FILES) {
    await discardFiles(deps.blobs, files);
    const message = files.length === 0 ? t('calendar.error.no_file') : t('calendar.error.too_many_files', MAX_FILES);
    throw new BadRequest('calendar.invalid', message, [{ field: 'file', message }]);
  }
  const at = deps.clock.now().toISOString();
  const rows = files.map((f) => ({ id: newId(), eventId: id, blobKey: f.key, fileName: f.fileName, contentType: f.contentType, size: f.size, createdAt: at }));
  try {
    await repo.insertAttachments(deps.db, rows);
  } catch (error) {
    await discardFiles(deps.blobs, files);
    throw error;
  }
  return rows.map((r) => ({ id: r.id, fileName: r.fileName, contentType: r.contentType, size: r.size }));
}

/** Takes a file off an event (its author or a manager); the blob goes with it. */
export async function removeAttachment(deps: FileDeps, actor: Actor, id: string, attachmentId: string): Promise<void> {
  const e = await repo.findEvent(deps.db, id);
  authorize(actor, 'calendar.event.edit', await eventFacts(deps.db, actor, e, deps.clock.now()));
  const key = await repo.deleteAttachment(deps.db, id, attachmentId);
  if (!key) throw new NotFound();
  // A blob that will not go now is left to the daily sweep: the row that named it is gone.
  await deps.blobs.delete(key).catch(() => undefined);
}

/** One file of an event the person may read. */
export async function downloadable(deps: Deps, actor: Actor, id: string, attachmentId: string) {
  const e = await repo.findEvent(deps.db, id);
  authorize(actor, 'calendar.event.read', await eventFacts(deps.db, actor, e, deps.clock.now()));
  const file = await repo.findAttachment(deps.db, id, attachmentId);
  if (!file) throw new NotFound();
  return file;
}

/** The school's holiday zone (null until set). */
export async function readZone(deps: Deps, actor: Actor, structureId: string) {
  authorize(actor, 'calendar.settings.read', { structureId });
  return { zone: (await repo.zoneOf(deps.db, structureId))?.zone ?? null };
}

export async function updateZone(deps: Deps, actor: Actor, structureId: string, zone: 'A' | 'B' | 'C') {
  authorize(actor, 'calendar.settings.manage', { structureId });
  await repo.setZone(deps.db, structureId, zone, deps.clock.now().toISOString());
  return { zone };
}

/** The owner's events for their iCalendar feed: from a month ago to a year ahead, scoped as when signed in. */
export async function feedEvents(deps: Deps, owner: FeedOwner, now: Date): Promise<CalendarEvent[]> {
  const today = parisDay(now);
  const rows = await repo.eventsBetween(deps.db, owner.id, schoolYearOf(now), addDays(today, -31), addDays(today, 366));
  return rows
    .map((e) => ({
      uid: `calendar-${e.id}-${owner.id}@preau`,
      // The feed is an export: French, whoever fetches it.
      summary: withLocale('fr', () => `${t(`calendar.kind.${e.kind}`)} : ${e.title}`),
      description: htmlToText(e.descriptionHtml) || undefined,
      location: e.place ?? undefined,
      ...(e.startsAt && e.endsAt ? { start: e.startsAt, end: e.endsAt } : {}),
      modifiedAt: e.updatedAt,
      sequence: e.sequence,
      status: e.status === 'cancelled' ? ('CANCELLED' as const) : ('CONFIRMED' as const),
      // Several days: one all-day entry per day keeps every calendar app right without DTEND arithmetic.
      ...(e.startsAt ? {} : { date: e.startDay }),
    }))
    .flatMap((ev, i) => {
      const e = rows[i]!;
      if (e.startsAt || e.startDay === e.endDay) return [ev];
      const days: CalendarEvent[] = [];
      for (let d = e.startDay; d <= e.endDay && days.length < 60; d = addDays(d, 1))
        days.push({ ...ev, uid: `calendar-${e.id}-${d}-${owner.id}@preau`, date: d });
      return days;
    });
}
