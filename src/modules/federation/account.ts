import type { Account, KoaContextWithOIDC } from 'oidc-provider';
import type { Db } from '../../kernel/db/index.js';
import { loadActor, schoolYearOf } from '../directory/index.js';

/** The claims of each scope. `preferred_username` (the login) goes to trusted partners only. */
export const SCOPE_CLAIMS = {
  openid: ['sub'],
  profile: ['name', 'given_name', 'family_name', 'preferred_username'],
  email: ['email'],
  school: ['school_uai', 'school_name', 'school_profile', 'school_roles', 'school_level'],
} as const;

export type ClaimName = (typeof SCOPE_CLAIMS)[keyof typeof SCOPE_CLAIMS][number];

/** What a partner learns of a person, scope by scope: only active people have an account here. */
export async function findAccount(db: Db, ctx: KoaContextWithOIDC, personId: string, now: Date): Promise<Account | undefined> {
  const person = await db
    .selectFrom('people')
    .select(['id', 'firstName', 'lastName', 'usageName', 'email', 'login', 'status'])
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!person || person.status !== 'active') return undefined;
  const actor = await loadActor(db, personId, null);
  if (!actor) return undefined;
  const trusted = ctx.oidc.client?.subjectType === 'public';
  return {
    accountId: person.id,
    async claims() {
      const structureId = actor.activeStructureId;
      const structure = structureId ? await db.selectFrom('structures').select(['uai', 'name']).where('id', '=', structureId).executeTakeFirst() : undefined;
      const level =
        actor.profile === 'student' && structureId
          ? await db
              .selectFrom('groupMembers')
              .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
              .select('groups.level')
              .where('groupMembers.personId', '=', person.id)
              .where('groupMembers.role', '=', 'student')
              .where('groups.kind', '=', 'class')
              .where('groups.structureId', '=', structureId)
              .where('groups.schoolYear', '=', schoolYearOf(now))
              .executeTakeFirst()
          : undefined;
      const familyName = person.usageName ?? person.lastName;
      return {
        sub: person.id,
        name: `${person.firstName} ${familyName}`,
        given_name: person.firstName,
        family_name: familyName,
        ...(trusted ? { preferred_username: person.login } : {}),
        email: person.email ?? undefined,
        school_uai: structure?.uai ?? undefined,
        school_name: structure?.name ?? undefined,
        school_profile: actor.profile,
        school_roles: structureId ? (actor.roles[structureId] ?? []) : [],
        school_level: level?.level ?? undefined,
      };
    },
  };
}
