import type { Db } from '../../kernel/db/index.js';
import type { PrivacyDeclaration } from '../../kernel/privacy.js';
import { childrenOf } from './repository/requests.js';

/** The requests a person filed, is the child of, or follows as a parent of the child. */
const theirRequests = (db: Db, personId: string) =>
  db
    .selectFrom('requestsRequests')
    .select('id')
    .where((eb) => eb.or([eb('requesterId', '=', personId), eb('studentId', '=', personId), eb('studentId', 'in', childrenOf(db, personId))]));

/**
 * Requests to the municipality: a family's archive holds its requests, their history, the
 * conversation and the documents (theirs and the answers); an agent's, what they wrote and
 * decided; a director's, the school's requests they filed and the notes they opened.
 */
export const requestsPrivacy: PrivacyDeclaration = {
  module: 'requests',
  title: 'Démarches auprès de la mairie',
  processing: {
    purpose:
      'Recevoir et traiter les demandes des familles à la mairie (inscription scolaire, dérogation de secteur, attestations) et celles des directeurs d’école (travaux, incidents, effectifs de cantine), et transmettre aux directeurs les notes de la mairie.',
    dataKinds: [
      'demandes (type, enfant, école, précisions, motif de dérogation, état et chaque changement daté)',
      'pièces justificatives (justificatif de domicile, livret de famille ou acte de naissance, vaccinations) et documents de réponse',
      'messages échangés entre la famille ou le directeur et la mairie',
      'notes de la mairie aux directeurs et date de leur lecture',
    ],
    people: ['responsables légaux', 'élèves', 'agents municipaux', 'directeurs d’école'],
    retention: 'Prévue : l’année scolaire de la demande et les deux suivantes ; Préau ne les supprime pas encore de lui-même.',
    recipients: [
      'les agents de la mairie propriétaire de l’école',
      'la famille qui a fait la demande',
      'le directeur de l’école, pour les demandes de l’école',
    ],
  },
  async exportPerson(db, personId) {
    const mine = theirRequests(db, personId);
    const requests = await db
      .selectFrom('requestsRequests')
      .select([
        'id',
        'origin',
        'kind',
        'municipalityId',
        'structureId',
        'studentId',
        'requesterId',
        'schoolYear',
        'title',
        'details',
        'reason',
        'attestationKind',
        'status',
        'createdAt',
        'updatedAt',
      ])
      .where('id', 'in', mine)
      .orderBy('createdAt')
      .execute();
    const history = await db
      .selectFrom('requestsStatusChanges')
      .select(['requestId', 'status', 'changedBy', 'changedAt', 'position'])
      .where((eb) => eb.or([eb('requestId', 'in', mine), eb('changedBy', '=', personId)]))
      .orderBy('requestId')
      .orderBy('position')
      .execute();
    const messages = await db
      .selectFrom('requestsMessages')
      .select(['id', 'requestId', 'authorId', 'body', 'createdAt'])
      .where((eb) => eb.or([eb('requestId', 'in', mine), eb('authorId', '=', personId)]))
      .orderBy('createdAt')
      .execute();
    const files = await db
      .selectFrom('requestsFiles')
      .select(['id', 'requestId', 'kind', 'answer', 'blobKey', 'fileName', 'size', 'contentType', 'uploadedBy', 'uploadedAt'])
      .where((eb) => eb.or([eb('requestId', 'in', mine), eb('uploadedBy', '=', personId)]))
      .orderBy('uploadedAt')
      .execute();
    const notes = await db
      .selectFrom('requestsNotes')
      .select(['id', 'municipalityId', 'title', 'body', 'allSchools', 'createdAt'])
      .where('authorId', '=', personId)
      .orderBy('createdAt')
      .execute();
    const reads = await db
      .selectFrom('requestsNoteReads')
      .select(['noteId', 'structureId', 'readAt'])
      .where('personId', '=', personId)
      .orderBy('readAt')
      .execute();
    return {
      tables: [
        { name: 'demandes', rows: requests },
        { name: 'suivi', rows: history },
        { name: 'messages', rows: messages },
        { name: 'pieces', rows: files.map(({ blobKey: _, ...f }) => f) },
        { name: 'notes-ecrites', rows: notes },
        { name: 'notes-lues', rows: reads },
      ],
      files: files.map((f) => ({ path: `${f.requestId}/${f.fileName}`, blobKey: f.blobKey, size: f.size })),
    };
  },
};
