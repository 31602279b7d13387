import type { PrivacyDeclaration } from '../../kernel/privacy.js';

/** The audit log's register entry (the kernel writes it, this module shows it) and the entries about the person or made by them. */
export const auditPrivacy: PrivacyDeclaration = {
  module: 'audit',
  title: 'Journal des actions sensibles',
  processing: {
    purpose:
      'Garder la trace des connexions, des échecs de connexion, des changements de compte, des imports et des actions d’administration, pour la sécurité du service.',
    dataKinds: ['action', 'auteur et personne concernée', 'établissement', 'adresse IP', 'date et heure'],
    people: ['toutes les personnes ayant un compte'],
    retention: 'Un an (journaux de connexion, recommandation de la CNIL).',
    recipients: ['l’administrateur de l’instance', 'l’administrateur local pour son établissement'],
  },
  async exportPerson(db, personId) {
    const rows = await db
      .selectFrom('auditLog')
      .select(['id', 'at', 'action', 'actorId', 'subjectId', 'structureId', 'ip', 'details'])
      .where((eb) => eb.or([eb('subjectId', '=', personId), eb('actorId', '=', personId)]))
      .orderBy('at')
      .execute();
    return { tables: [{ name: 'journal', rows: rows.map((r) => ({ ...r, details: r.details ? (JSON.parse(r.details) as unknown) : null })) }], files: [] };
  },
};

/** The right of access's own register entry: the archives built for people. */
export const exportsPrivacy: PrivacyDeclaration = {
  module: 'privacy',
  title: 'Droit d’accès',
  processing: {
    purpose: 'Remettre à chaque personne, à sa demande, une copie des données que Préau garde à son sujet.',
    dataKinds: ['archive des données de la personne', 'date de la demande'],
    people: ['toute personne ayant un compte'],
    retention: 'L’archive est supprimée sept jours après sa préparation.',
    recipients: ['la personne elle-même'],
  },
  async exportPerson(db, personId) {
    const rows = await db
      .selectFrom('privacyExports')
      .select(['id', 'status', 'size', 'createdAt', 'readyAt', 'expiresAt'])
      .where('personId', '=', personId)
      .execute();
    return { tables: [{ name: 'demandes', rows }], files: [] };
  },
};
