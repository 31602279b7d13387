import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { audit } from '../../../kernel/audit.js';
import type { Db } from '../../../kernel/db/index.js';
import { Problems } from '../../../kernel/http/errors.js';
import { t } from '../i18n/fr.js';
import type { Deps } from './deps.js';
import '../policy.js';

/** The roles a policy may name. Pupils and families are not among them: they are never required. */
export const POLICY_ROLES = ['director', 'localAdmin', 'instanceAdmin', 'municipal', 'teacher', 'personnel'] as const;
export type PolicyRole = (typeof POLICY_ROLES)[number];

export interface MfaPolicy {
  roles: PolicyRole[];
  graceDays: number;
}

export const DEFAULT_POLICY: MfaPolicy = { roles: ['director', 'localAdmin', 'instanceAdmin', 'municipal'], graceDays: 14 };
const KEY = 'mfa.policy';

export async function readPolicy(db: Db): Promise<MfaPolicy> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return DEFAULT_POLICY;
  const parsed = JSON.parse(row.value) as Partial<MfaPolicy>;
  return {
    roles: (parsed.roles ?? []).filter((r): r is PolicyRole => (POLICY_ROLES as readonly string[]).includes(r)),
    graceDays: typeof parsed.graceDays === 'number' ? parsed.graceDays : DEFAULT_POLICY.graceDays,
  };
}

/** Whether the policy requires this person to hold a factor: by their roles, never for a pupil. */
export function requiredFor(policy: MfaPolicy, actor: Actor): boolean {
  if (actor.profile === 'student' || actor.profile === 'relative') return false;
  const roles = new Set(policy.roles);
  if (actor.isSuperAdmin && roles.has('instanceAdmin')) return true;
  if (roles.has(actor.profile as PolicyRole)) return true;
  return Object.values(actor.roles).some((list) => list.some((r) => roles.has(r)));
}

/** The instance administrator sets which roles must enrol and the grace period (audited). */
export async function savePolicy({ db }: Deps, actor: Actor, input: { roles: string[]; graceDays: string }, ip: string): Promise<MfaPolicy> {
  authorize(actor, 'mfa.policy.edit', {});
  const graceDays = Number(input.graceDays);
  const problems = new Problems();
  problems.check(/^\d{1,2}$/.test(input.graceDays.trim()) && graceDays <= 90, 'graceDays', t('mfa.policy.graceInvalid'));
  const unknown = input.roles.filter((r) => !(POLICY_ROLES as readonly string[]).includes(r));
  problems.check(unknown.length === 0, 'roles', t('mfa.error.field'));
  problems.throwIfAny('mfa.policy_invalid');
  const policy: MfaPolicy = { roles: POLICY_ROLES.filter((r) => input.roles.includes(r)), graceDays };
  const value = JSON.stringify(policy);
  await db
    .insertInto('settings')
    .values({ key: KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
  await audit(db, { action: 'mfa.policy.change', actorId: actor.personId, ip, details: { ...policy } });
  return policy;
}
