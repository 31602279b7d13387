import type { PrivacyDeclaration } from '../../kernel/privacy.js';

/**
 * Resources: a teacher's links and where they are shared, the basket lines they proposed or
 * decided, the licences and budgets they recorded. Uses of the catalogue are counted per school
 * and day, with no trail per person.
 */
export const resourcesPrivacy: PrivacyDeclaration = {
  module: 'resources',
  title: 'Ressources',
  processing: {
    purpose:
      'Donner aux classes les liens et les ressources numériques choisis par leurs enseignants, préparer le panier de ressources de l’école sur son budget et suivre ses licences.',
    dataKinds: [
      'liens d’un enseignant (titre, adresse, description, classes avec qui il est partagé, état de la vérification)',
      'lignes du panier de l’école (ressource, classe ou niveau, quantité, prix, qui l’a proposée, qui l’a décidée)',
      'licences et budgets (qui les a saisis)',
      'utilisations du catalogue, comptées par école et par jour, sans trace par personne',
    ],
    people: ['enseignants', 'direction', 'agents municipaux'],
    retention:
      'Les liens : tant que leur auteur les garde. Le panier, les licences et les budgets : prévus l’année scolaire et l’année suivante ; Préau ne les supprime pas encore de lui-même.',
    recipients: ['les élèves, les familles et les enseignants des classes avec qui un lien est partagé', 'la direction de l’école'],
  },
  async exportPerson(db, personId) {
    const links = await db
      .selectFrom('resourceLinks')
      .select([
        'id',
        'structureId',
        'title',
        'url',
        'description',
        'levelsJson',
        'subjectsJson',
        'tagsJson',
        'theme',
        'sharedWithSchool',
        'copiedFrom',
        'checkStatus',
        'createdAt',
        'updatedAt',
      ])
      .where('ownerId', '=', personId)
      .orderBy('createdAt')
      .execute();
    const shared =
      links.length === 0
        ? []
        : await db
            .selectFrom('resourceLinkGroups')
            .select(['linkId', 'groupId'])
            .where(
              'linkId',
              'in',
              links.map((l) => l.id),
            )
            .orderBy('linkId')
            .execute();
    const basket = await db
      .selectFrom('resourceBasketLines as b')
      .innerJoin('catalogueResources as r', 'r.id', 'b.resourceId')
      .select([
        'b.id',
        'b.structureId',
        'b.schoolYear',
        'r.title',
        'b.groupId',
        'b.level',
        'b.quantity',
        'b.unitPriceCents',
        'b.status',
        'b.proposedBy',
        'b.decidedBy',
        'b.decidedAt',
        'b.createdAt',
      ])
      .where((eb) => eb.or([eb('b.proposedBy', '=', personId), eb('b.decidedBy', '=', personId)]))
      .orderBy('b.createdAt')
      .execute();
    const licences = await db
      .selectFrom('resourceLicences as l')
      .innerJoin('catalogueResources as r', 'r.id', 'l.resourceId')
      .select(['l.id', 'l.structureId', 'r.title', 'l.groupId', 'l.level', 'l.startsOn', 'l.endsOn', 'l.createdAt'])
      .where('l.createdBy', '=', personId)
      .orderBy('l.createdAt')
      .execute();
    const budgets = await db
      .selectFrom('resourceBudgets')
      .select(['structureId', 'schoolYear', 'amountCents', 'updatedAt'])
      .where('setBy', '=', personId)
      .orderBy('schoolYear')
      .execute();
    return {
      tables: [
        { name: 'liens', rows: links },
        { name: 'liens-partages', rows: shared },
        { name: 'panier', rows: basket },
        { name: 'licences-saisies', rows: licences },
        { name: 'budgets-saisis', rows: budgets },
      ],
      files: [],
    };
  },
};
