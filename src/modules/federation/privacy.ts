import type { PrivacyDeclaration } from '../../kernel/privacy.js';

/** The consents a person gave to partner applications (grants), and their register entry. */
export const federationPrivacy: PrivacyDeclaration = {
  module: 'federation',
  title: 'Connexion aux applications partenaires',
  processing: {
    purpose: 'Connecter une personne à une application partenaire avec son compte Préau et ne lui transmettre que les informations acceptées.',
    dataKinds: ['consentements donnés (application, portées)', 'sessions et jetons de connexion', 'identifiant pseudonyme propre à chaque application'],
    people: ['les personnes qui se connectent à une application partenaire'],
    retention: 'Consentement : 30 jours ; session : 14 jours ; jetons : 1 heure (30 jours pour un jeton de rafraîchissement) ; effacés à expiration.',
    recipients: ['l’application partenaire, pour les portées acceptées', 'l’administrateur de l’instance'],
  },
  async exportPerson(db, personId) {
    const rows = await db
      .selectFrom('oidcModels')
      .leftJoin('oidcClients', 'oidcClients.id', 'oidcModels.clientId')
      .select(['oidcModels.id', 'oidcModels.clientId', 'oidcClients.name', 'oidcModels.payload', 'oidcModels.expiresAt'])
      .where('oidcModels.kind', '=', 'Grant')
      .where('oidcModels.accountId', '=', personId)
      .orderBy('oidcModels.expiresAt')
      .execute();
    const consents = rows.map((r) => {
      const payload = JSON.parse(r.payload) as { openid?: { scope?: string } };
      return { id: r.id, clientId: r.clientId, application: r.name, scopes: payload.openid?.scope ?? '', expiresAt: r.expiresAt };
    });
    return { tables: [{ name: 'consentements', rows: consents }], files: [] };
  },
};
