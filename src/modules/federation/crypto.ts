import { createHmac } from 'node:crypto';
import type { Db } from '../../kernel/db/index.js';
import { instanceSecret } from '../../kernel/secrets.js';

/** The instance's federation secret: seals private keys and client secrets, keys the pairwise subjects. */
export async function federationSecret(db: Db): Promise<string> {
  return instanceSecret(db, 'federation_secret');
}

/** Sealing at rest is the kernel's (`seal` / `unseal`); `open` keeps this module's name for it. */
export { seal, unseal as open } from '../../kernel/secrets.js';

/** A partner's pseudonymous subject: the same person gets a different, stable `sub` per partner. */
export function pairwiseSubject(secret: string, personId: string, sector: string): string {
  return createHmac('sha256', `pairwise:${secret}`).update(`${sector}\n${personId}`).digest('base64url');
}
