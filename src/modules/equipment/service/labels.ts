import QRCode from 'qrcode';
import type { Actor } from '../../../kernel/authz/index.js';
import { authorize } from '../../../kernel/authz/index.js';
import * as assets from '../repository/assets.js';
import type { Deps } from './deps.js';
import { assetLabel } from './present.js';

/** The address a label's code opens: the asset's page, which holds the fault form for the school's adults. */
export const assetUrl = (publicUrl: string, assetId: string) => `${publicUrl.replace(/\/$/, '')}/equipment/assets/${assetId}`;

/** A QR code as an SVG document (drawn on the server: the label prints without JavaScript). */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** An asset's label: its name, numbers, school, and the code of its page. */
export async function assetLabelData(deps: Deps, actor: Actor, assetId: string) {
  const row = await assets.findAsset(deps.db, assetId);
  authorize(actor, 'equipment.school.read', row);
  const url = assetUrl(deps.config.publicUrl, row.id);
  return {
    id: row.id,
    name: assetLabel(row),
    inventoryNumber: row.inventoryNumber,
    serialNumber: row.serialNumber,
    schoolName: row.schoolName,
    url,
    svg: await qrSvg(url),
  };
}
