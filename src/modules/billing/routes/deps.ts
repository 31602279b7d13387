import type { FastifyInstance } from 'fastify';
import type { Deps } from '../service/deps.js';

export function billingDeps(app: FastifyInstance): Deps {
  return { db: app.db, dbKind: app.dbKind, clock: app.clock, blobs: app.blobs, uploadMaxBytes: app.config.uploadMaxBytes, publicUrl: app.config.publicUrl };
}

/** `12,50`, `12.5`, `12` → cents; null when it is not an amount. */
export function parseEuros(text: string | undefined): number | null {
  const m = /^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*(?:€)?\s*$/.exec(text ?? '');
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}
