import { displayName } from '../../directory/index.js';
import type { AssetRow } from '../repository/assets.js';
import type { TicketRow } from '../repository/tickets.js';
import { CLOSED_TICKET_STATUSES } from '../tables.js';
import { parisToday, toEuros } from '../rules.js';
import { t } from '../i18n/fr.js';

/** An asset as the API and the pages show it. */
export function presentAsset(a: AssetRow, now: Date) {
  return {
    id: a.id,
    structureId: a.structureId,
    schoolName: a.schoolName,
    category: a.category,
    status: a.status,
    brand: a.brand,
    model: a.model,
    serialNumber: a.serialNumber,
    inventoryNumber: a.inventoryNumber,
    supplier: a.supplier,
    purchaseOrder: a.purchaseOrder,
    purchaseDate: a.purchaseDate,
    price: toEuros(a.priceCents),
    warrantyEnd: a.warrantyEnd,
    placeId: a.placeId,
    placeName: a.placeName,
    holderId: a.holderId,
    cartId: a.cartId,
    outOfWarranty: !!a.warrantyEnd && a.warrantyEnd < parisToday(now),
  };
}
export type AssetView = ReturnType<typeof presentAsset>;

/** "Vidéoprojecteur Epson EB-680 (INV-0042)". */
export function assetLabel(a: { category: string; brand: string | null; model: string | null; inventoryNumber: string | null }) {
  const name = [t(`equipment.category.${a.category}` as 'equipment.category.desktop'), a.brand, a.model].filter(Boolean).join(' ');
  return a.inventoryNumber ? `${name} (${a.inventoryNumber})` : name;
}

const personName = (first: string | null, last: string | null, usage: string | null) =>
  first === null || last === null ? null : displayName({ firstName: first, lastName: last, usageName: usage });

export function presentTicket(r: TicketRow, now: Date) {
  const subject = r.assetId
    ? assetLabel({ category: r.category, brand: r.assetBrand, model: r.assetModel, inventoryNumber: r.assetInventoryNumber })
    : t('equipment.ticket.room', r.placeName ?? '');
  return {
    id: r.id,
    structureId: r.structureId,
    schoolName: r.schoolName,
    assetId: r.assetId,
    placeId: r.placeId,
    subject,
    category: r.category,
    description: r.description,
    since: r.since,
    status: r.status,
    reporterId: r.reporterId,
    reporter: personName(r.reporterFirstName, r.reporterLastName, r.reporterUsageName) ?? '',
    assignee: personName(r.assigneeFirstName, r.assigneeLastName, r.assigneeUsageName),
    createdAt: r.createdAt,
    dueAt: r.dueAt,
    overdue: !CLOSED_TICKET_STATUSES.includes(r.status) && r.dueAt < now.toISOString(),
  };
}
export type TicketView = ReturnType<typeof presentTicket>;
