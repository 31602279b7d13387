import type { Actor } from '../../../kernel/authz/index.js';
import { authorize } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { BadRequest, Conflict, Problems } from '../../../kernel/http/errors.js';
import { discardFiles, type StoredFile } from '../../../kernel/storage/http.js';
import { t, tf } from '../i18n/fr.js';
import * as tariffs from '../repository/tariffs.js';
import * as usage from '../repository/usage.js';
import { displayName, today, type Deps } from './deps.js';
import { managedMunicipality } from './run.js';

/** Largest quotient familial accepted (CAF quotients are a few thousand euros at most). */
export const MAX_QUOTIENT = 100_000;

async function familyFacts(deps: Deps, actor: Actor, municipalityId: string) {
  const m = await usage.findMunicipality(deps.db, municipalityId);
  if (!m) return null;
  return { municipalityId: m.id, childInMunicipality: actor.profile === 'relative' && (await usage.hasChildIn(deps.db, actor.personId, m.id)) };
}

/**
 * A parent declares their quotient with its proof. The rule runs before the upload is read
 * (`receive` is called only once authorized); a refused declaration keeps no file.
 */
export async function declareQuotient(deps: Deps, actor: Actor, municipalityId: string, receive: () => Promise<{ quotient: string; files: StoredFile[] }>) {
  authorize(actor, 'billing.quotient.declare', await familyFacts(deps, actor, municipalityId));
  const { quotient, files } = await receive();
  try {
    const value = Number(quotient);
    const p = new Problems();
    p.check(/^\d{1,6}$/.test(quotient.trim()) && value <= MAX_QUOTIENT, 'quotient', tf('billing.error.quotient'));
    p.check(files.length === 1, 'proof', tf('billing.error.proof'));
    p.throwIfAny('billing.invalid_quotient');
    const file = files[0]!;
    const id = newId();
    await tariffs.insertQuotient(deps.db, {
      id,
      relativeId: actor.personId,
      municipalityId,
      quotient: value,
      blobKey: file.key,
      fileName: file.fileName,
      contentType: file.contentType,
      size: file.size,
      status: 'pending',
      declaredAt: deps.clock.now().toISOString(),
      reviewedBy: null,
      reviewedAt: null,
      validFrom: null,
    });
    return { id, quotient: value, status: 'pending' as const };
  } catch (error) {
    await discardFiles(deps.blobs, files);
    throw error;
  }
}

/** A parent's declarations to a municipality. */
export async function familyQuotients(deps: Deps, actor: Actor, municipalityId: string) {
  authorize(actor, 'billing.quotient.declare', await familyFacts(deps, actor, municipalityId));
  return tariffs.quotientsOfFamily(deps.db, actor.personId, municipalityId);
}

/** The declarations the municipality has to review. */
export async function pendingQuotients(deps: Deps, actor: Actor, municipalityId: string) {
  await managedMunicipality(deps, actor, municipalityId);
  const rows = await tariffs.pendingQuotients(deps.db, municipalityId);
  return rows.map((r) => ({
    id: r.id,
    relativeId: r.relativeId,
    family: displayName(r),
    quotient: r.quotient,
    declaredAt: r.declaredAt,
    fileName: r.fileName,
  }));
}

/** An agent validates (the bracket applies from today) or refuses a declaration; a declaration is reviewed once. */
export async function reviewQuotient(deps: Deps, actor: Actor, id: string, decision: 'validate' | 'refuse') {
  const q = await tariffs.findQuotient(deps.db, id);
  authorize(actor, 'billing.municipality.manage', q);
  if (decision !== 'validate' && decision !== 'refuse') throw new BadRequest('billing.invalid_decision', t('billing.error.decision'));
  const { day } = today(deps);
  const status = decision === 'validate' ? ('validated' as const) : ('refused' as const);
  const done = await tariffs.reviewQuotient(deps.db, id, {
    status,
    reviewedBy: actor.personId,
    reviewedAt: deps.clock.now().toISOString(),
    validFrom: status === 'validated' ? day : null,
  });
  if (!done) throw new Conflict('billing.already_reviewed', t('billing.error.reviewed'));
  return { id, status, validFrom: status === 'validated' ? day : null };
}

/** The proof of a declaration, for its parent and the municipality's agents. */
export async function quotientProof(deps: Deps, actor: Actor, id: string) {
  const q = await tariffs.findQuotient(deps.db, id);
  authorize(actor, 'billing.quotient.read', q);
  return { key: q.blobKey, size: q.size, contentType: q.contentType, filename: q.fileName };
}

/** The review from the desk's buttons: a declaration already reviewed is left as it is. */
export async function reviewQuotientForPage(deps: Deps, actor: Actor, id: string, decision: 'validate' | 'refuse') {
  const q = await tariffs.findQuotient(deps.db, id);
  authorize(actor, 'billing.municipality.manage', q);
  if (q.status === 'pending') await reviewQuotient(deps, actor, id, decision);
  return { municipalityId: q.municipalityId };
}
