import type { Actor } from '../../../kernel/authz/index.js';
import { authorize } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { Problems } from '../../../kernel/http/errors.js';
import { enqueue } from '../../../kernel/jobs/index.js';
import { displayName } from '../../directory/index.js';
import { compareFrench } from '../../../kernel/i18n/index.js';
import { t } from '../i18n/fr.js';
import { NOTIFY_JOB } from '../jobs.js';
import * as assets from '../repository/assets.js';
import * as places from '../repository/places.js';
import { targetsOf } from '../repository/targets.js';
import * as tickets from '../repository/tickets.js';
import { dueAt } from '../rules.js';
import type { TicketChanges, TicketInput, TicketsFilter } from '../schema.js';
import { CLOSED_TICKET_STATUSES, type AssetCategory } from '../tables.js';
import type { Deps } from './deps.js';
import { presentTicket } from './present.js';

type Subject = { structureId: string; assetId: string | null; placeId: string | null; category: AssetCategory | 'room' };

async function open(deps: Deps, actor: Actor, subject: Subject, municipalityId: string | null, input: TicketInput) {
  const problems = new Problems();
  problems.check(input.description.trim().length > 0, 'description', t('equipment.error.description'));
  problems.throwIfAny();
  const { resolutionDays } = (await targetsOf(deps.db, municipalityId)).targets;
  const now = deps.clock.now();
  const at = now.toISOString();
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    await tickets.insertTicket(trx, {
      id,
      ...subject,
      reporterId: actor.personId,
      description: input.description.trim(),
      since: input.since?.trim() || null,
      status: 'new',
      assigneeId: null,
      createdAt: at,
      updatedAt: at,
      dueAt: dueAt(subject.category, now, resolutionDays),
      resolvedAt: null,
    });
    if (subject.assetId)
      await assets.insertEvent(trx, { id: newId(), assetId: subject.assetId, at, actorId: actor.personId, kind: 'ticketOpened', changes: '{}', ticketId: id });
  });
  return { id };
}

/** A fault on an asset, by anyone of its school's adults (or the municipality's agents). */
export async function reportOnAsset(deps: Deps, actor: Actor, assetId: string, input: TicketInput) {
  const a = await assets.findAsset(deps.db, assetId);
  authorize(actor, 'equipment.ticket.report', a);
  return open(deps, actor, { structureId: a.structureId, assetId: a.id, placeId: a.placeId, category: a.category }, a.municipalityId, input);
}

/** A fault on a room (the heating of the computer room, a dead network socket). */
export async function reportOnPlace(deps: Deps, actor: Actor, placeId: string, input: TicketInput) {
  const p = await places.findPlace(deps.db, placeId);
  const s = p && (await places.schoolFacts(deps.db, p.structureId));
  authorize(actor, 'equipment.ticket.report', s);
  return open(deps, actor, { structureId: s.structureId, assetId: null, placeId, category: 'room' }, s.municipalityId, input);
}

async function ticketFor(deps: Deps, actor: Actor, id: string, action: 'equipment.ticket.read' | 'equipment.ticket.comment' | 'equipment.ticket.manage') {
  const row = await tickets.findTicket(deps.db, id);
  authorize(actor, action, row);
  return row;
}

export async function ticketPage(deps: Deps, actor: Actor, id: string) {
  const row = await ticketFor(deps, actor, id, 'equipment.ticket.read');
  const facts = { structureId: row.structureId, municipalityId: row.municipalityId, reporterId: row.reporterId };
  const notes = await tickets.notesOf(deps.db, id);
  const agents = row.municipalityId ? await places.agentsOf(deps.db, row.municipalityId) : [];
  return {
    ticket: presentTicket(row, deps.clock.now()),
    facts,
    assigneeId: row.assigneeId,
    notes: notes.map((n) => ({ at: n.at, author: displayName(n), body: n.body, statusFrom: n.statusFrom, statusTo: n.statusTo })),
    agents: agents.map((a) => ({ id: a.id, name: displayName(a) })).sort((a, b) => compareFrench(a.name, b.name)),
  };
}

export async function listTickets(deps: Deps, actor: Actor, filter: TicketsFilter) {
  authorize(actor, 'equipment.index.open', {});
  const now = deps.clock.now();
  const { items, total } = await tickets.listTickets(deps.db, actor, filter, now.toISOString());
  return { items: items.map((r) => presentTicket(r, now)), total };
}

/** Triage: the municipality's agent sets the status and who handles it, with a comment; the reporter is told of a new status. */
export async function updateTicket(deps: Deps, actor: Actor, id: string, input: TicketChanges) {
  const row = await ticketFor(deps, actor, id, 'equipment.ticket.manage');
  const problems = new Problems();
  if (input.assigneeId) {
    const agents = row.municipalityId ? await places.agentsOf(deps.db, row.municipalityId) : [];
    problems.check(
      agents.some((a) => a.id === input.assigneeId),
      'assigneeId',
      t('equipment.error.assignee'),
    );
  }
  problems.throwIfAny();
  const status = input.status ?? (input.assigneeId && row.status === 'new' ? 'assigned' : row.status);
  const assigneeId = input.assigneeId === undefined ? row.assigneeId : input.assigneeId;
  const comment = input.comment?.trim() || null;
  const statusChanged = status !== row.status;
  if (!statusChanged && assigneeId === row.assigneeId && !comment) return { changed: false };
  const at = deps.clock.now().toISOString();
  const noteId = newId();
  await deps.db.transaction().execute(async (trx) => {
    await tickets.updateTicket(trx, id, {
      status,
      assigneeId,
      updatedAt: at,
      resolvedAt: CLOSED_TICKET_STATUSES.includes(status) ? (row.resolvedAt ?? at) : null,
    });
    await tickets.insertNote(trx, {
      id: noteId,
      ticketId: id,
      authorId: actor.personId,
      at,
      body: comment,
      statusFrom: statusChanged ? row.status : null,
      statusTo: statusChanged ? status : null,
    });
    if (statusChanged && row.assetId)
      await assets.insertEvent(trx, {
        id: newId(),
        assetId: row.assetId,
        at,
        actorId: actor.personId,
        kind: 'ticketChanged',
        changes: JSON.stringify({ status: [row.status, status] }),
        ticketId: id,
      });
    if (statusChanged && row.reporterId !== actor.personId) await enqueue(trx, NOTIFY_JOB, { ticketId: id, status }, { key: `${NOTIFY_JOB}:${noteId}` });
  });
  return { changed: true };
}

/** A comment by someone who follows the ticket (reporter, director, agent). */
export async function commentTicket(deps: Deps, actor: Actor, id: string, body: string) {
  await ticketFor(deps, actor, id, 'equipment.ticket.comment');
  const problems = new Problems();
  problems.check(body.trim().length > 0, 'body', t('equipment.error.comment'));
  problems.throwIfAny();
  await tickets.insertNote(deps.db, {
    id: newId(),
    ticketId: id,
    authorId: actor.personId,
    at: deps.clock.now().toISOString(),
    body: body.trim(),
    statusFrom: null,
    statusTo: null,
  });
}
