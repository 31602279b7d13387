import type { PrivacyDeclaration } from '../../kernel/privacy.js';

/** What rostering partners receive, and which of them can read a given person's data. */
export const onerosterPrivacy: PrivacyDeclaration = {
  module: 'oneroster',
  title: 'Annuaire transmis aux applications partenaires (OneRoster)',
  processing: {
    purpose:
      'Transmettre aux applications pédagogiques choisies par l’instance la composition des écoles et des classes de l’année, pour qu’elles créent les comptes et les classes sans saisie.',
    dataKinds: [
      'identité (prénom, nom, identifiant de connexion, adresse électronique si connue)',
      'rôle (élève, enseignant, parent), école, classes de l’année, liens parent–enfant',
      'date de naissance et sexe, seulement pour une application explicitement autorisée',
    ],
    people: ['les élèves, enseignants et parents des écoles accordées à une application'],
    retention:
      'Rien n’est copié par Préau : l’application lit l’annuaire à jour ; ses jetons d’accès durent 1 heure ; le journal des accès suit la durée du journal d’audit.',
    recipients: ['les applications partenaires, chacune pour les écoles qui lui sont accordées', 'l’administrateur de l’instance'],
  },
  async exportPerson(db, personId) {
    const rows = await db
      .selectFrom('onerosterClientSchools')
      .innerJoin('onerosterClients', 'onerosterClients.id', 'onerosterClientSchools.clientId')
      .innerJoin('structureMembers', 'structureMembers.structureId', 'onerosterClientSchools.structureId')
      .innerJoin('structures', 'structures.id', 'onerosterClientSchools.structureId')
      .select(['onerosterClients.name', 'onerosterClients.demographics', 'structures.name as school'])
      .where('structureMembers.personId', '=', personId)
      .where('structureMembers.active', '=', 1)
      .where('onerosterClients.revokedAt', 'is', null)
      .orderBy('onerosterClients.name')
      .execute();
    const applications = rows.map((r) => ({ application: r.name, school: r.school, demographics: r.demographics === 1 }));
    return { tables: [{ name: 'applications', rows: applications }], files: [] };
  },
};
