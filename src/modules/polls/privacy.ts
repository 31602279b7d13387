import type { PrivacyDeclaration } from '../../kernel/privacy.js';

const POLL_COLUMNS = [
  'p.id',
  'p.structureId',
  'p.schoolYear',
  'p.authorId',
  'p.audience',
  'p.groupId',
  'p.title',
  'p.description',
  'p.multiple',
  'p.perFamily',
  'p.anonymous',
  'p.resultsLive',
  'p.opensAt',
  'p.closesAt',
  'p.createdAt',
  'p.withdrawnAt',
] as const;

/**
 * Polls: those a person created (without the others' votes), those they were asked, and the
 * votes they cast with their choices. An anonymous poll keeps no link from a vote to its
 * choices, so the archive says only that the person voted; a family's vote cast by the other
 * guardian is that guardian's.
 */
export const pollsPrivacy: PrivacyDeclaration = {
  module: 'polls',
  title: 'Sondages',
  processing: {
    purpose:
      'Consulter les parents d’une classe, l’équipe de l’école ou un conseil (date de réunion, choix d’une sortie) et en donner les résultats, nominatifs ou anonymes selon ce que l’auteur a choisi à la création.',
    dataKinds: [
      'sondages (question, réponses proposées, public, dates, auteur)',
      'personnes interrogées',
      'votes : qui a voté et quand, et ses réponses quand le sondage n’est pas anonyme ; pour un vote par famille, l’enfant pour qui la famille a voté',
    ],
    people: ['responsables légaux', 'enseignants et personnels', 'membres des conseils'],
    retention: 'Prévue : l’année scolaire du sondage et l’année suivante ; Préau ne les supprime pas encore de lui-même.',
    recipients: [
      'les personnes interrogées, pour les résultats (pendant le vote ou après la clôture, selon le sondage)',
      'l’auteur du sondage et la direction de l’école',
    ],
  },
  async exportPerson(db, personId) {
    const created = await db.selectFrom('polls as p').select(POLL_COLUMNS).where('p.authorId', '=', personId).orderBy('p.createdAt').execute();
    const options =
      created.length === 0
        ? []
        : await db
            .selectFrom('pollOptions')
            .select(['id', 'pollId', 'label', 'position'])
            .where(
              'pollId',
              'in',
              created.map((p) => p.id),
            )
            .orderBy('pollId')
            .orderBy('position')
            .execute();
    const asked = await db
      .selectFrom('pollMembers as m')
      .innerJoin('polls as p', 'p.id', 'm.pollId')
      .select(POLL_COLUMNS)
      .where('m.personId', '=', personId)
      .orderBy('p.opensAt')
      .execute();
    // Named ballots the person cast, and the person's own ballot of an anonymous poll (no choices).
    const ballots = await db
      .selectFrom('pollBallots')
      .select(['pollId', 'voterKey', 'castAt', 'updatedAt'])
      .where((eb) => eb.or([eb('castBy', '=', personId), eb.and([eb('castBy', 'is', null), eb('voterKey', '=', personId)])]))
      .orderBy('castAt')
      .execute();
    const choices = await db
      .selectFrom('pollChoices as c')
      .innerJoin('pollBallots as b', (join) => join.onRef('b.pollId', '=', 'c.pollId').onRef('b.voterKey', '=', 'c.voterKey'))
      .innerJoin('pollOptions as o', 'o.id', 'c.optionId')
      .select(['c.pollId', 'c.voterKey', 'c.optionId', 'o.label'])
      .where('b.castBy', '=', personId)
      .orderBy('c.pollId')
      .orderBy('o.position')
      .execute();
    return {
      tables: [
        { name: 'sondages-crees', rows: created },
        { name: 'reponses-proposees', rows: options },
        { name: 'sondages-recus', rows: asked },
        {
          name: 'votes',
          rows: ballots.map((b) => ({
            pollId: b.pollId,
            forStudentId: b.voterKey.startsWith('child:') ? b.voterKey.slice('child:'.length) : null,
            castAt: b.castAt,
            updatedAt: b.updatedAt,
            choices: choices.filter((c) => c.pollId === b.pollId && c.voterKey === b.voterKey).map((c) => ({ optionId: c.optionId, label: c.label })),
          })),
        },
      ],
      files: [],
    };
  },
};
