// Step 4 of the yearly project: deliveries enter the inventory, the installation is scheduled
// with the school and confirmed by its director, and the hand-over training is recorded.
import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { Problems } from '../../../kernel/http/errors.js';
import { t } from '../i18n/fr.js';
import * as installations from '../repository/installations.js';
import * as orders from '../repository/orders.js';
import * as places from '../repository/places.js';
import { parisToday } from '../rules.js';
import type { TrainingInput } from '../schema-project.js';
import type { EquipmentAssetsTable } from '../tables.js';
import type { Deps } from './deps.js';
import { orderFacts } from './orders.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A line delivered: as many assets as its quantity enter the inventory in its room, with the
 * order's number, the supplier, the unit price and the delivery day as purchase data.
 */
export async function deliverLine(deps: Deps, actor: Actor, orderId: string, lineId: string, warrantyEnd: string | null) {
  const facts = await orderFacts(deps, orderId);
  authorize(actor, 'equipment.order.deliver', facts);
  const line = (await orders.linesOf(deps.db, [orderId])).find((l) => l.id === lineId);
  const now = deps.clock.now();
  const today = parisToday(now);
  const problems = new Problems();
  problems.check(!!line, 'lineId', t('equipment.error.needUnknown'));
  problems.check(facts.order.status !== 'draft', 'status', t('equipment.error.notApproved'));
  problems.check(!line?.deliveredAt, 'lineId', t('equipment.error.delivered'));
  problems.check(!warrantyEnd || (DATE.test(warrantyEnd) && warrantyEnd >= today), 'warrantyEnd', t('equipment.error.warranty'));
  problems.throwIfAny();
  const at = now.toISOString();
  const assets: EquipmentAssetsTable[] = Array.from({ length: line!.quantity }, () => ({
    id: newId(),
    structureId: facts.structureId,
    category: line!.category,
    brand: null,
    model: null,
    serialNumber: null,
    inventoryNumber: null,
    supplier: line!.supplier,
    purchaseOrder: facts.order.number,
    purchaseDate: today,
    priceCents: line!.unitPriceCents,
    warrantyEnd: warrantyEnd ?? null,
    status: 'inService',
    placeId: line!.placeId,
    holderId: null,
    cartId: null,
    createdAt: at,
    updatedAt: at,
  }));
  const events = assets.map((a) => ({
    id: newId(),
    assetId: a.id,
    at,
    actorId: actor.personId,
    kind: 'created' as const,
    changes: JSON.stringify({ purchaseOrder: [null, a.purchaseOrder], supplier: [null, a.supplier], placeId: [null, a.placeId] }),
    ticketId: null,
  }));
  if (!(await orders.deliver(deps.db, line!, assets, events, actor.personId, at))) new Problems().add('lineId', t('equipment.error.delivered')).throwIfAny();
  return { assetIds: assets.map((a) => a.id) };
}

/** The technician proposes the installation's date to the school, once something is delivered. */
export async function scheduleInstallation(deps: Deps, actor: Actor, orderId: string, input: { scheduledFor: string; note?: string | null }) {
  const facts = await orderFacts(deps, orderId);
  authorize(actor, 'equipment.order.deliver', facts);
  const lines = await orders.linesOf(deps.db, [orderId]);
  const problems = new Problems();
  problems.check(
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/.test(input.scheduledFor),
    'scheduledFor',
    t('equipment.error.dateTime'),
  );
  problems.check(
    lines.some((l) => l.deliveredAt),
    'scheduledFor',
    t('equipment.error.notDelivered'),
  );
  problems.throwIfAny();
  await installations.schedule(deps.db, {
    id: newId(),
    orderId,
    structureId: facts.structureId,
    scheduledFor: input.scheduledFor,
    note: input.note?.trim() || null,
    scheduledBy: actor.personId,
    confirmedBy: null,
    confirmedAt: null,
    trainingOn: null,
    trainingNotes: null,
    trainingRecordedBy: null,
  });
}

async function installationFacts(deps: Deps, orderId: string) {
  const facts = await orderFacts(deps, orderId);
  const installation = facts ? await installations.installationOf(deps.db, orderId) : null;
  return facts && installation ? { ...facts, installation } : null;
}

/** The director confirms the proposed date. */
export async function confirmInstallation(deps: Deps, actor: Actor, orderId: string) {
  const facts = await installationFacts(deps, orderId);
  authorize(actor, 'equipment.installation.confirm', facts);
  await installations.confirm(deps.db, facts.installation.id, actor.personId, deps.clock.now().toISOString());
}

/** The prise en main, after a confirmed installation, with the people of the school who attended. */
export async function recordTraining(deps: Deps, actor: Actor, orderId: string, input: TrainingInput) {
  const facts = await installationFacts(deps, orderId);
  authorize(actor, 'equipment.installation.training', facts);
  const problems = new Problems();
  problems.check(!!facts.installation.confirmedAt, 'heldOn', t('equipment.error.notConfirmed'));
  problems.check(DATE.test(input.heldOn), 'heldOn', t('equipment.error.date'));
  problems.check(input.attendeeIds.length > 0, 'attendeeIds', t('equipment.error.attendees'));
  const ids = [...new Set(input.attendeeIds)];
  for (const [i, id] of ids.entries())
    problems.check(await places.isStaffMember(deps.db, id, facts.structureId), `attendeeIds.${i}`, t('equipment.error.attendee'));
  problems.throwIfAny();
  await installations.recordTraining(deps.db, facts.installation.id, input.heldOn, input.notes?.trim() || null, actor.personId, ids);
}
