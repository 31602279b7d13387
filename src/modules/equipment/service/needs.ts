// Step 2 of the yearly project, the analyse des besoins: the director submits needs, the school's
// adults add their input, the municipality reviews, and the joint commission decides each need.
import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { Problems } from '../../../kernel/http/errors.js';
import { displayName, schoolYearOf } from '../../directory/index.js';
import { t } from '../i18n/fr.js';
import { NEED_OUTCOMES, NEED_PRIORITIES, type EquipmentNeedNotesTable, type NeedStatus } from '../project-tables.js';
import * as needs from '../repository/needs.js';
import * as places from '../repository/places.js';
import type { CommissionInput, NeedInput } from '../schema-project.js';
import type { Deps } from './deps.js';

const OPEN: readonly NeedStatus[] = ['submitted', 'reviewed'];
const name = (p: { firstName: string; lastName: string; usageName: string | null }) => displayName(p);
const note = (needId: string, authorId: string, at: string, kind: EquipmentNeedNotesTable['kind'], body: string | null, statusTo: NeedStatus | null) => ({
  id: newId(),
  needId,
  authorId,
  at,
  kind,
  body,
  statusTo,
});

/** The school's needs of the year with their dated history, most urgent first. */
export async function listNeeds(deps: Deps, actor: Actor, structureId: string) {
  const facts = await places.schoolFacts(deps.db, structureId);
  authorize(actor, 'equipment.project.read', facts);
  const year = schoolYearOf(deps.clock.now());
  const [rows, commissions] = await Promise.all([needs.needsOf(deps.db, structureId, year), needs.commissionsOf(deps.db, structureId, year)]);
  const notes = await needs.notesOf(
    deps.db,
    rows.map((r) => r.id),
  );
  const rank = (p: string) => NEED_PRIORITIES.indexOf(p as never);
  const items = rows
    .map((r) => ({
      id: r.id,
      category: r.category,
      quantity: r.quantity,
      grantedQuantity: r.grantedQuantity,
      priority: r.priority,
      justification: r.justification,
      placeId: r.placeId,
      placeName: r.placeName,
      status: r.status,
      decisionComment: r.decisionComment,
      author: name(r),
      createdAt: r.createdAt,
      notes: notes.filter((n) => n.needId === r.id).map((n) => ({ at: n.at, author: name(n), kind: n.kind, body: n.body, statusTo: n.statusTo })),
    }))
    .sort((a, b) => rank(a.priority) - rank(b.priority));
  return { school: facts, schoolYear: year, items, commissions };
}
export type NeedView = Awaited<ReturnType<typeof listNeeds>>['items'][number];

/** The director's need: a room of the school if one is named, a justification. */
export async function submitNeed(deps: Deps, actor: Actor, structureId: string, input: NeedInput, formErrors: Record<string, string> | null = null) {
  const facts = await places.schoolFacts(deps.db, structureId);
  authorize(actor, 'equipment.need.submit', facts);
  const problems = new Problems();
  // A form's unreadable fields are told after the authorization, with the rest.
  for (const [field, message] of Object.entries(formErrors ?? {})) problems.add(field, message);
  if (!formErrors?.quantity)
    problems.check(Number.isInteger(input.quantity) && input.quantity >= 1 && input.quantity <= 500, 'quantity', t('equipment.error.quantity'));
  problems.check(input.justification.trim().length > 0, 'justification', t('equipment.error.justification'));
  if (input.placeId) {
    const place = await places.findPlace(deps.db, input.placeId);
    problems.check(!!place && place.structureId === structureId, 'placeId', t('equipment.error.place'));
  }
  problems.throwIfAny();
  const at = deps.clock.now().toISOString();
  const id = newId();
  await needs.insertNeed(
    deps.db,
    {
      id,
      structureId,
      schoolYear: schoolYearOf(deps.clock.now()),
      category: input.category,
      quantity: input.quantity,
      priority: input.priority,
      justification: input.justification.trim(),
      placeId: input.placeId ?? null,
      status: 'submitted',
      grantedQuantity: null,
      decisionComment: null,
      commissionId: null,
      authorId: actor.personId,
      createdAt: at,
      updatedAt: at,
    },
    note(id, actor.personId, at, 'submitted', null, 'submitted'),
  );
  return { id };
}

const needFacts = (deps: Deps, needId: string) => needs.findNeed(deps.db, needId);

/** The school of a need, for the pages to come back to (null when there is none). */
export async function schoolOfNeed(deps: Deps, needId: string) {
  return (await needs.findNeed(deps.db, needId))?.structureId ?? null;
}

/** A teacher's input, the director's or the municipality's comment on a need. */
export async function commentNeed(deps: Deps, actor: Actor, needId: string, body: string) {
  const need = await needFacts(deps, needId);
  authorize(actor, 'equipment.need.comment', need);
  const problems = new Problems();
  problems.check(body.trim().length > 0, 'body', t('equipment.error.comment'));
  problems.throwIfAny();
  await needs.insertNote(deps.db, note(need.id, actor.personId, deps.clock.now().toISOString(), 'comment', body.trim(), null));
}

/** The municipality's review of a need before the commission. */
export async function reviewNeed(deps: Deps, actor: Actor, needId: string, body: string) {
  const need = await needFacts(deps, needId);
  authorize(actor, 'equipment.need.review', need);
  const problems = new Problems();
  problems.check(body.trim().length > 0, 'body', t('equipment.error.comment'));
  problems.check(OPEN.includes(need.status), 'needId', t('equipment.error.needDecided'));
  problems.throwIfAny();
  const at = deps.clock.now().toISOString();
  await needs.setStatus(deps.db, need.id, 'reviewed', at, note(need.id, actor.personId, at, 'review', body.trim(), 'reviewed'));
}

/**
 * The joint commission's decisions, recorded by the municipality with the members present: each
 * open need of the school's year is approved, approved with another quantity, or declined.
 */
export async function recordCommission(deps: Deps, actor: Actor, structureId: string, input: CommissionInput) {
  const facts = await places.schoolFacts(deps.db, structureId);
  authorize(actor, 'equipment.need.review', facts);
  const year = schoolYearOf(deps.clock.now());
  const open = new Map((await needs.needsOf(deps.db, structureId, year)).map((n) => [n.id, n]));
  const problems = new Problems();
  problems.check(/^\d{4}-\d{2}-\d{2}$/.test(input.heldOn), 'heldOn', t('equipment.error.date'));
  problems.check(input.members.trim().length > 0, 'members', t('equipment.error.members'));
  problems.check(input.decisions.length > 0, 'decisions', t('equipment.error.decisions'));
  const seen = new Set<string>();
  const decisions: needs.Decision[] = [];
  input.decisions.forEach((d, i) => {
    const need = open.get(d.needId);
    if (!need || seen.has(d.needId)) return problems.add(`decisions.${i}.needId`, t('equipment.error.needUnknown'));
    seen.add(d.needId);
    if (!OPEN.includes(need.status)) return problems.add(`decisions.${i}.needId`, t('equipment.error.needDecided'));
    if (!NEED_OUTCOMES.includes(d.outcome)) return problems.add(`decisions.${i}.outcome`, t('equipment.error.outcome'));
    if (d.outcome === 'modify' && (!d.quantity || d.quantity === need.quantity))
      return problems.add(`decisions.${i}.quantity`, t('equipment.error.grantedQuantity'));
    const status: NeedStatus = d.outcome === 'approve' ? 'approved' : d.outcome === 'modify' ? 'modified' : 'declined';
    const granted = d.outcome === 'approve' ? need.quantity : d.outcome === 'modify' ? d.quantity! : null;
    decisions.push({ needId: d.needId, status, grantedQuantity: granted, comment: d.comment?.trim() || null });
  });
  problems.throwIfAny();
  const at = deps.clock.now().toISOString();
  const commission = {
    id: newId(),
    structureId,
    schoolYear: year,
    heldOn: input.heldOn,
    members: input.members.trim(),
    recordedBy: actor.personId,
    createdAt: at,
  };
  await needs.recordCommission(
    deps.db,
    commission,
    decisions,
    decisions.map((d) => note(d.needId, actor.personId, at, 'decision', d.comment, d.status)),
  );
  return { id: commission.id, decided: decisions.length };
}
