import type { Actor, Profile, StructureRole } from '../authz/index.js';

/** School A, school B and a municipality, for rules that look at structures. */
export const SCHOOL_A = 'aaaaaaaa-0000-4000-8000-00000000000a';
export const SCHOOL_B = 'bbbbbbbb-0000-4000-8000-00000000000b';
export const MUNICIPALITY = 'cccccccc-0000-4000-8000-00000000000c';

function actor(name: string, profile: Profile, structureId: string | null, roles: StructureRole[] = [], isSuperAdmin = false): Actor {
  return {
    personId: `${name}-0000-4000-8000-000000000000`.slice(0, 36),
    profile,
    displayName: name,
    login: name,
    charterAccepted: true,
    isSuperAdmin,
    structures: structureId ? [{ id: structureId, name: structureId }] : [],
    activeStructureId: structureId,
    roles: structureId && roles.length > 0 ? { [structureId]: roles } : {},
  };
}

/**
 * One actor per profile and role, for `policy.test.ts`: rules are pure functions, so these need no
 * database. Everyone is in school A except `otherSchoolTeacher` (school B) and `municipal` (the
 * municipality); `instanceAdmin` belongs nowhere.
 */
export function policyActors() {
  return {
    student: actor('student', 'student', SCHOOL_A),
    relative: actor('relative', 'relative', SCHOOL_A),
    teacher: actor('teacher', 'teacher', SCHOOL_A),
    personnel: actor('personnel', 'personnel', SCHOOL_A),
    municipal: actor('municipal', 'municipal', MUNICIPALITY),
    director: actor('director', 'teacher', SCHOOL_A, ['director']),
    localAdmin: actor('localAdmin', 'personnel', SCHOOL_A, ['localAdmin']),
    instanceAdmin: actor('instanceAdmin', 'personnel', null, [], true),
    otherSchoolTeacher: actor('otherSchoolTeacher', 'teacher', SCHOOL_B),
  };
}

export type PolicyActorName = keyof ReturnType<typeof policyActors>;
