import { authorize, type Actor } from '../../../kernel/authz/index.js';
import type { PrivacyDeclaration } from '../../../kernel/privacy.js';
import type { Deps } from './deps.js';

export type RegisterEntry = Pick<PrivacyDeclaration, 'module' | 'title' | 'processing'>;

/** The processing register, as every module declares it, in the order of their names for people. */
export function processingRegister(deps: Deps, actor: Actor): RegisterEntry[] {
  authorize(actor, 'privacy.register.read', {});
  return deps.registry.all
    .map(({ module, title, processing }) => ({ module, title, processing }))
    .sort((a, b) => a.title.localeCompare(b.title, 'fr', { sensitivity: 'base' }));
}
