import type { Actor } from '../../../kernel/authz/index.js';
import { authorize } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { Problems } from '../../../kernel/http/errors.js';
import { compareFrench } from '../../../kernel/i18n/index.js';
import { enqueue } from '../../../kernel/jobs/index.js';
import { displayName } from '../../directory/index.js';
import { t } from '../i18n/fr.js';
import { LOAN_NOTIFY_JOB } from '../loan-jobs.js';
import type { ReturnCondition } from '../loan-tables.js';
import * as assets from '../repository/assets.js';
import * as loans from '../repository/loans.js';
import * as places from '../repository/places.js';
import { parisToday } from '../rules.js';
import type { LoanInput, LoansFilter, ReturnInput } from '../schema-loans.js';
import type { AssetStatus } from '../tables.js';
import type { Deps } from './deps.js';
import { assetLabel } from './present.js';

/** Where a returned device goes: back in service, broken when damaged, retired when lost. */
export const STATUS_AFTER_RETURN: Record<ReturnCondition, AssetStatus> = { good: 'inService', damaged: 'broken', lost: 'retired' };

const person = (first: string | null, last: string | null, usage: string | null) =>
  first === null || last === null ? null : displayName({ firstName: first, lastName: last, usageName: usage });

/** A loan as the API and the pages show it. */
export function presentLoan(r: loans.LoanRow, today: string) {
  return {
    id: r.id,
    structureId: r.structureId,
    schoolName: r.schoolName,
    assetId: r.assetId,
    asset: assetLabel({ category: r.assetCategory, brand: r.assetBrand, model: r.assetModel, inventoryNumber: r.assetInventoryNumber }),
    pupilId: r.pupilId,
    pupil: person(r.pupilFirstName, r.pupilLastName, r.pupilUsageName) ?? '',
    lender: person(r.lenderFirstName, r.lenderLastName, r.lenderUsageName) ?? '',
    startsOn: r.startsOn,
    dueOn: r.dueOn,
    conditions: r.conditions,
    acknowledgedAt: r.acknowledgedAt,
    acknowledgedBy: person(r.ackFirstName, r.ackLastName, r.ackUsageName),
    returnedAt: r.returnedAt,
    returnCondition: r.returnCondition,
    returnComment: r.returnComment,
    overdue: r.returnedAt === null && r.dueOn < today,
  };
}
export type LoanView = ReturnType<typeof presentLoan>;

async function lenderSchool(deps: Deps, actor: Actor, structureId: string) {
  const s = await places.schoolFacts(deps.db, structureId);
  authorize(actor, 'equipment.loan.lend', s);
  return s;
}

/** A loan with the facts of its rules (its school and the pupil's parents), or 404 by the rule. */
async function loanFor(deps: Deps, actor: Actor, id: string, action: 'equipment.loan.read' | 'equipment.loan.acknowledge' | 'equipment.loan.lend') {
  const row = await loans.findLoan(deps.db, id);
  const facts = row && { structureId: row.structureId, municipalityId: row.municipalityId, relativeIds: await loans.relativeIdsOf(deps.db, row.pupilId) };
  authorize(actor, action, facts);
  return { row: row!, facts };
}

/** The school's loans, for its director and its municipality's agents. */
export async function schoolLoans(deps: Deps, actor: Actor, structureId: string, filter: LoansFilter) {
  const school = await lenderSchool(deps, actor, structureId);
  const today = parisToday(deps.clock.now());
  const { items, total } = await loans.loansOfSchool(
    deps.db,
    structureId,
    { state: filter.state, limit: filter.limit ?? 50, offset: filter.offset ?? 0 },
    today,
  );
  return { school, items: items.map((r) => presentLoan(r, today)), total };
}

/** What the loan form offers: the school's devices in service and its pupils. */
export async function loanChoices(deps: Deps, actor: Actor, structureId: string) {
  await lenderSchool(deps, actor, structureId);
  const [lendable, pupils] = await Promise.all([loans.lendableAssets(deps.db, structureId), loans.pupilsOf(deps.db, structureId)]);
  return {
    assets: lendable.map((a) => ({ id: a.id, label: assetLabel(a) })),
    pupils: pupils.map((p) => ({ id: p.id, name: displayName(p) })).sort((a, b) => compareFrench(a.name, b.name)),
  };
}

/** Lends a device in service to a pupil's family: the asset goes on loan, its history says so, the parents are told. */
export async function lend(deps: Deps, actor: Actor, structureId: string, input: LoanInput) {
  await lenderSchool(deps, actor, structureId);
  const today = parisToday(deps.clock.now());
  const startsOn = input.startsOn ?? today;
  const asset = await assets.findAsset(deps.db, input.assetId);
  const problems = new Problems();
  problems.check(
    !!asset && asset.structureId === structureId && asset.status === 'inService' && asset.category !== 'cart',
    'assetId',
    t('equipment.error.loanAsset'),
  );
  problems.check(await loans.isPupilOf(deps.db, structureId, input.pupilId), 'pupilId', t('equipment.error.loanPupil'));
  problems.check(input.dueOn >= startsOn, 'dueOn', t('equipment.error.loanDue'));
  problems.check(input.conditions.trim().length > 0, 'conditions', t('equipment.error.loanConditions'));
  problems.throwIfAny();
  const at = deps.clock.now().toISOString();
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    // Only a device still in service goes on loan: two loans of the same device at once, one wins.
    const res = await trx
      .updateTable('equipmentAssets')
      .set({ status: 'onLoan', updatedAt: at })
      .where('id', '=', input.assetId)
      .where('status', '=', 'inService')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) new Problems().add('assetId', t('equipment.error.loanAsset')).throwIfAny();
    await loans.insertLoan(trx, {
      id,
      structureId,
      assetId: input.assetId,
      pupilId: input.pupilId,
      lenderId: actor.personId,
      startsOn,
      dueOn: input.dueOn,
      conditions: input.conditions.trim(),
      createdAt: at,
      acknowledgedAt: null,
      acknowledgedBy: null,
      returnedAt: null,
      returnedBy: null,
      returnCondition: null,
      returnComment: null,
      remindedSoonFor: null,
      remindedOverdueFor: null,
    });
    await assets.insertEvent(trx, {
      id: newId(),
      assetId: input.assetId,
      at,
      actorId: actor.personId,
      kind: 'loaned',
      changes: JSON.stringify({ status: ['inService', 'onLoan'] }),
      ticketId: null,
    });
    await enqueue(trx, LOAN_NOTIFY_JOB, { loanId: id }, { key: `${LOAN_NOTIFY_JOB}:${id}` });
  });
  return { id };
}

export async function loanPage(deps: Deps, actor: Actor, id: string) {
  const { row, facts } = await loanFor(deps, actor, id, 'equipment.loan.read');
  return { loan: presentLoan(row, parisToday(deps.clock.now())), facts };
}

/** The lender's check before a return form is read (a parent or a stranger: 404). */
export async function checkLender(deps: Deps, actor: Actor, id: string) {
  await loanFor(deps, actor, id, 'equipment.loan.lend');
}

/** A parent acknowledges the agreement, dated and signed by name; once is enough. */
export async function acknowledge(deps: Deps, actor: Actor, id: string) {
  const { row } = await loanFor(deps, actor, id, 'equipment.loan.acknowledge');
  if (row.acknowledgedAt) return { changed: false };
  const problems = new Problems();
  problems.check(row.returnedAt === null, 'loan', t('equipment.error.loanClosed'));
  problems.throwIfAny();
  const changed = await loans.updateOpenLoan(deps.db, id, { acknowledgedAt: deps.clock.now().toISOString(), acknowledgedBy: actor.personId });
  return { changed: changed === 1 };
}

/** The return: the condition, a comment, and the device back in service (broken when damaged, retired when lost). */
export async function returnLoan(deps: Deps, actor: Actor, id: string, input: ReturnInput) {
  const { row } = await loanFor(deps, actor, id, 'equipment.loan.lend');
  const problems = new Problems();
  problems.check(row.returnedAt === null, 'loan', t('equipment.error.loanClosed'));
  problems.throwIfAny();
  const at = deps.clock.now().toISOString();
  const status = STATUS_AFTER_RETURN[input.condition];
  await deps.db.transaction().execute(async (trx) => {
    const changed = await loans.updateOpenLoan(trx, id, {
      returnedAt: at,
      returnedBy: actor.personId,
      returnCondition: input.condition,
      returnComment: input.comment?.trim() || null,
    });
    if (changed !== 1) new Problems().add('loan', t('equipment.error.loanClosed')).throwIfAny();
    const asset = await assets.findAsset(trx, row.assetId);
    await assets.updateAsset(trx, row.assetId, { status, updatedAt: at });
    await assets.insertEvent(trx, {
      id: newId(),
      assetId: row.assetId,
      at,
      actorId: actor.personId,
      kind: 'returned',
      changes: JSON.stringify({ status: [asset?.status ?? 'onLoan', status] }),
      ticketId: null,
    });
  });
  return { status };
}

/** A parent's page: the loans of their children, in SQL. */
export async function myLoans(deps: Deps, actor: Actor) {
  authorize(actor, 'equipment.loan.mine', {});
  const today = parisToday(deps.clock.now());
  return { items: (await loans.loansOfRelative(deps.db, actor.personId)).map((r) => presentLoan(r, today)) };
}
