import type { PrivacyDeclaration } from '../../kernel/privacy.js';

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
};
