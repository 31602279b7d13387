import type { PrivacyDeclaration } from '../../kernel/privacy.js';
import * as repo from './repository.js';
import { userFor } from './service/attributes.js';

/**
 * The CAS server's register entry, and for the right of access the partner services the person
 * signed in to, with the identifier each was given and the attributes it received.
 */
export const casPrivacy: PrivacyDeclaration = {
  module: 'cas',
  title: 'Connexion aux services partenaires (CAS)',
  processing: {
    purpose: 'Connecter les personnes de l’ENT aux outils partenaires enregistrés par l’administrateur, sans nouveau mot de passe.',
    dataKinds: ['identifiant transmis (pseudonyme propre au service, ou identifiant Préau)', 'attributs choisis pour le service', 'tickets de service'],
    people: ['toute personne ayant un compte qui rejoint un service partenaire'],
    retention: 'Un ticket de service vit dix secondes et est effacé une heure après ; la trace de chaque connexion reste dans le journal (un an).',
    recipients: ['les services partenaires enregistrés, pour les seuls attributs choisis'],
  },
  async exportPerson(db, personId) {
    const entries = await db
      .selectFrom('auditLog')
      .select(['at', 'details'])
      .where('action', '=', 'cas.ticket.validated')
      .where('actorId', '=', personId)
      .orderBy('at')
      .execute();
    const byService = new Map<string, { service: string; lastSignIn: string; attributes: unknown }>();
    for (const e of entries) {
      const d = JSON.parse(e.details ?? '{}') as { serviceId?: string; service?: string; attributes?: unknown };
      if (d.serviceId) byService.set(d.serviceId, { service: d.service ?? '', lastSignIn: e.at, attributes: d.attributes ?? [] });
    }
    const rows = [];
    for (const [serviceId, seen] of byService) {
      const service = await repo.findServiceById(db, serviceId);
      rows.push({ ...seen, identifier: service ? await userFor(db, service, personId) : null });
    }
    return { tables: [{ name: 'services', rows }], files: [] };
  },
};
