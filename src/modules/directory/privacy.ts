import { sql } from 'kysely';
import type { Db } from '../../kernel/db/index.js';
import { DEPARTED_ACCOUNTS, schoolYearCutoff, type PrivacyDeclaration, type RetentionKind } from '../../kernel/privacy.js';

/** People who left before `before` and whose account is not erased yet (the instance administrator never is). */
const departed = (db: Db, before: string) =>
  db
    .selectFrom('people')
    .select('id')
    .where('status', '=', 'deactivated')
    .where('deactivatedAt', '<', before)
    .where('erasedAt', 'is', null)
    .where('isSuperAdmin', '=', 0);

/**
 * Everyone whose account this purge erases or has erased: other modules remove these people's
 * own content with it (a subquery, for `where personId in (…)`).
 */
export const departedPeople = (db: Db, before: string) =>
  db
    .selectFrom('people')
    .select('id')
    .where('isSuperAdmin', '=', 0)
    .where((eb) => eb.or([eb('erasedAt', 'is not', null), eb.and([eb('status', '=', 'deactivated'), eb('deactivatedAt', '<', before)])]));

/**
 * Departed people's accounts. The row is anonymised rather than deleted: other services keep
 * what others still need (a message in a recipient's inbox) and show it from "Compte supprimé".
 * Identity, contact, login, memberships, roles, classes, family links and sessions go.
 */
const departedAccounts: RetentionKind = {
  kind: DEPARTED_ACCOUNTS,
  label: 'Comptes des personnes parties',
  unit: 'months',
  defaultAmount: 12,
  rationale:
    'Le compte d’un élève, d’un parent ou d’un personnel parti est gardé pendant l’année scolaire qui suit son départ (réinscription, demande de la famille), puis effacé : la CNIL demande de ne pas conserver les comptes au-delà de la scolarité et d’un délai court.',
  noun: ['compte', 'comptes'],
  cutoff: schoolYearCutoff,
  async count(db, ctx) {
    const row = await db
      .selectFrom(departed(db, ctx.before).as('d'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { items: Number(row.n), bytes: 0 };
  },
  async purge(db, ctx) {
    const ids = (await departed(db, ctx.before).execute()).map((p) => p.id);
    for (let i = 0; i < ids.length; i += 500) await erase(db, ids.slice(i, i + 500), ctx.now.toISOString());
    return { items: ids.length, bytes: 0, blobKeys: [] };
  },
};

async function erase(db: Db, ids: string[], now: string): Promise<void> {
  await db.deleteFrom('structureMembers').where('personId', 'in', ids).execute();
  await db.deleteFrom('structureRoles').where('personId', 'in', ids).execute();
  await db.deleteFrom('groupMembers').where('personId', 'in', ids).execute();
  await db
    .deleteFrom('relativeLinks')
    .where((eb) => eb.or([eb('relativeId', 'in', ids), eb('studentId', 'in', ids)]))
    .execute();
  await db.deleteFrom('sessions').where('personId', 'in', ids).execute();
  await db
    .updateTable('people')
    .set({
      civility: null,
      firstName: 'Compte',
      lastName: 'supprimé',
      usageName: null,
      birthDate: null,
      sex: null,
      email: null,
      phone: null,
      address: null,
      login: sql<string>`'supprime-' || id`,
      passwordHash: null,
      activationCode: null,
      photoConsent: null,
      searchKey: 'compte supprime',
      updatedAt: now,
      erasedAt: now,
    })
    .where('id', 'in', ids)
    .execute();
}

/** The directory's register entry and a person's own profile, memberships, roles, groups and family links. */
export const directoryPrivacy: PrivacyDeclaration = {
  module: 'directory',
  title: 'Annuaire et comptes',
  processing: {
    purpose: 'Gérer les comptes des élèves, des familles et des personnels, leurs établissements, classes et groupes, et l’accès aux services.',
    dataKinds: [
      'identité (nom, prénom, civilité, date de naissance, sexe)',
      'coordonnées (courriel, téléphone, adresse)',
      'identifiant de connexion',
      'classes et groupes',
      'liens de responsabilité légale',
      'consentement à la photo',
    ],
    people: ['élèves', 'responsables légaux', 'enseignants', 'personnels', 'agents municipaux'],
    retention: 'Le temps de la scolarité ou de la fonction dans l’établissement, puis un an après la fin de l’année scolaire du départ.',
    recipients: [
      'la direction et l’administrateur local de l’établissement',
      'les personnes autorisées par les règles de communication (nom et classe seulement)',
    ],
  },
  async exportPerson(db, personId) {
    const profile = await db
      .selectFrom('people')
      .select(['id', 'profile', 'civility', 'firstName', 'lastName', 'usageName', 'birthDate', 'sex', 'email', 'phone', 'address', 'login'])
      .select(['activatedAt', 'charterAcceptedAt', 'photoConsent', 'status', 'createdAt', 'updatedAt', 'deactivatedAt'])
      .where('id', '=', personId)
      .execute();
    const memberships = await db
      .selectFrom('structureMembers as m')
      .innerJoin('structures as s', 's.id', 'm.structureId')
      .select(['m.structureId', 's.name as structureName', 's.uai', 'm.active', 'm.source', 'm.createdAt'])
      .where('m.personId', '=', personId)
      .orderBy('m.createdAt')
      .execute();
    const roles = await db
      .selectFrom('structureRoles')
      .select(['structureId', 'role', 'source'])
      .where('personId', '=', personId)
      .orderBy('structureId')
      .execute();
    const groups = await db
      .selectFrom('groupMembers as gm')
      .innerJoin('groups as g', 'g.id', 'gm.groupId')
      .select(['g.id as groupId', 'g.name', 'g.kind', 'g.level', 'g.schoolYear', 'gm.role'])
      .where('gm.personId', '=', personId)
      .orderBy('g.schoolYear')
      .orderBy('g.name')
      .execute();
    // Family links name the other person of the link only: no more than the person sees in their space.
    const asRelative = await db
      .selectFrom('relativeLinks as l')
      .innerJoin('people as p', 'p.id', 'l.studentId')
      .select(['l.studentId as personId', 'p.firstName', 'p.lastName', 'l.legalGuardian'])
      .where('l.relativeId', '=', personId)
      .execute();
    const asStudent = await db
      .selectFrom('relativeLinks as l')
      .innerJoin('people as p', 'p.id', 'l.relativeId')
      .select(['l.relativeId as personId', 'p.firstName', 'p.lastName', 'l.legalGuardian'])
      .where('l.studentId', '=', personId)
      .execute();
    return {
      tables: [
        { name: 'profil', rows: profile },
        { name: 'etablissements', rows: memberships },
        { name: 'roles', rows: roles },
        { name: 'classes-et-groupes', rows: groups },
        { name: 'enfants', rows: asRelative },
        { name: 'responsables', rows: asStudent },
      ],
      files: [],
    };
  },
  retention: [departedAccounts],
};
