import { Readable } from 'node:stream';
import { newId } from '../../kernel/db/index.js';
import type { RouteCase } from '../../kernel/testing/coverage.js';
import { buildPerson, buildSchool, type CoverageWorld } from '../directory/testing.js';

/**
 * Wrong-person cases for every route. School A gets a town of its own unless another module
 * already gave it one; the world's agent belongs to another municipality, so it plays "another
 * town's agent"; school B's director plays "another school's director".
 */
export async function requestsCases({ app, world: w, as }: CoverageWorld): Promise<RouteCase[]> {
  const db = app.db;
  const schoolA = await db.selectFrom('structures').select('parentId').where('id', '=', w.schoolA.id).executeTakeFirstOrThrow();
  let town = schoolA.parentId;
  if (!town) {
    town = (await buildSchool(db, { kind: 'municipality', name: 'Ville des Tilleuls' })).id;
    await db.updateTable('structures').set({ parentId: town }).where('id', '=', w.schoolA.id).execute();
  }
  const townAgent = await buildPerson(db, { profile: 'municipal', firstName: 'Rémi', lastName: 'Régisseur', structureId: town });
  const at = app.clock.now().toISOString();
  const row = (over: {
    origin: 'family' | 'school';
    kind: 'enrolment' | 'works';
    requesterId: string;
    studentId: string | null;
    title: string;
    details: string;
  }) => ({
    id: newId(),
    municipalityId: town!,
    structureId: w.schoolA.id,
    schoolYear: null,
    reason: '',
    attestationKind: null,
    status: 'submitted' as const,
    createdAt: at,
    updatedAt: at,
    ...over,
  });
  const family = row({
    origin: 'family',
    kind: 'enrolment',
    requesterId: w.ce1aParent.id,
    studentId: w.ce1a.id,
    title: '',
    details: 'Secret de famille Tilleuls',
  });
  const school = row({
    origin: 'school',
    kind: 'works',
    requesterId: w.director.id,
    studentId: null,
    title: 'Fuite secrète',
    details: 'Plafond secret de la salle 3',
  });
  await db.insertInto('requestsRequests').values([family, school]).execute();
  await db
    .insertInto('requestsMessages')
    .values({ id: newId(), requestId: family.id, authorId: townAgent.id, body: 'Message secret de la mairie', createdAt: at, position: 1 })
    .execute();
  const blob = await app.blobs.put(Readable.from([Buffer.from('%PDF-1.4\n%%EOF\n')]), { maxBytes: 1024, fileName: 'domicile-secret.pdf' });
  const fileId = newId();
  await db
    .insertInto('requestsFiles')
    .values({
      id: fileId,
      requestId: family.id,
      kind: 'address',
      answer: 0,
      blobKey: blob.key,
      fileName: 'domicile-secret.pdf',
      size: blob.size,
      contentType: blob.contentType,
      sha256: blob.sha256,
      uploadedBy: w.ce1aParent.id,
      uploadedAt: at,
    })
    .execute();
  const noteId = newId();
  await db
    .insertInto('requestsNotes')
    .values({
      id: noteId,
      municipalityId: town,
      authorId: townAgent.id,
      title: 'Note secrète aux directeurs',
      body: 'Texte secret',
      allSchools: 0,
      createdAt: at,
    })
    .execute();
  await db.insertInto('requestsNoteSchools').values({ noteId, structureId: w.schoolA.id }).execute();

  const familySecret = ['Secret de famille Tilleuls', 'Message secret de la mairie', 'domicile-secret.pdf'];
  const schoolSecret = ['Fuite secrète', 'Plafond secret de la salle 3'];
  const noteSecret = ['Note secrète aux directeurs', 'Texte secret'];
  const wp = (route: string, url: string, who: keyof typeof as, extra: Partial<RouteCase> = {}): RouteCase => ({
    kind: 'wrong-person',
    route,
    url,
    as: as[who],
    expect: [403, 404],
    absent: familySecret,
    note: who,
    ...extra,
  });
  const f = family.id;
  const s = school.id;
  return [
    // Lists: another town's agent, another family, a teacher, another school's director.
    wp('GET /api/requests/items', '/api/requests/items', 'agent', { expect: 200, absent: [...familySecret.slice(0, 1), ...schoolSecret] }),
    wp('GET /api/requests/items', '/api/requests/items', 'ce1bParent', { expect: 200, absent: ['Secret de famille Tilleuls', f] }),
    wp('GET /api/requests/items', '/api/requests/items', 'ce1Teacher', { expect: 403 }),
    wp('GET /api/requests/items', '/api/requests/items', 'otherDirector', { expect: 200, absent: [...schoolSecret, s] }),
    wp('GET /demarches', '/demarches', 'ce1bParent', { expect: 200, absent: ['Secret de famille Tilleuls', f] }),
    wp('GET /demarches', '/demarches', 'ce1Teacher', { expect: 403 }),
    wp('GET /demarches/gestion', '/demarches/gestion', 'agent', { expect: 200, absent: [f, s, ...schoolSecret] }),
    wp('GET /demarches/gestion', '/demarches/gestion', 'ce1aParent', { expect: 403 }),
    wp('GET /demarches/nouvelle', '/demarches/nouvelle', 'ce1Teacher', { expect: 403 }),
    wp('POST /demarches', '/demarches', 'ce1Teacher', { expect: 403, form: { childId: w.ce1a.id, kind: 'attestation', attestationKind: 'payment' } }),
    // One family's request: another child's parent, another school's parent, another town's agent, the director.
    wp('GET /api/requests/items/:id', `/api/requests/items/${f}`, 'ce1bParent'),
    wp('GET /api/requests/items/:id', `/api/requests/items/${f}`, 'agent'),
    wp('GET /api/requests/items/:id', `/api/requests/items/${s}`, 'otherDirector', { absent: schoolSecret }),
    wp('POST /api/requests/items/:id/messages', `/api/requests/items/${f}/messages`, 'otherParent', { payload: { body: 'Intrus' } }),
    wp('PUT /api/requests/items/:id/status', `/api/requests/items/${f}/status`, 'ce1aParent', { payload: { status: 'accepted' } }),
    wp('PUT /api/requests/items/:id/status', `/api/requests/items/${f}/status`, 'agent', { payload: { status: 'accepted' } }),
    wp('GET /demarches/:id', `/demarches/${f}`, 'ce1bParent'),
    wp('GET /demarches/:id', `/demarches/${f}`, 'director'),
    wp('GET /demarches/:id', `/demarches/${s}`, 'otherDirector', { absent: schoolSecret }),
    wp('POST /demarches/:id/messages', `/demarches/${f}/messages`, 'agent', { form: { body: 'Intrus' } }),
    wp('POST /demarches/:id/documents', `/demarches/${f}/documents`, 'ce1bParent', { form: { documentKind: 'other' } }),
    wp('GET /demarches/:id/fichiers/:fileId', `/demarches/${f}/fichiers/${fileId}`, 'cm2Parent', { absent: ['%PDF'] }),
    wp('POST /demarches/:id/status', `/demarches/${f}/status`, 'ce1aParent', { form: { status: 'accepted' } }),
    wp('POST /demarches/:id/status', `/demarches/${s}/status`, 'director', { form: { status: 'closed' }, absent: [] }),
    wp('POST /demarches/:id/answer', `/demarches/${f}/answer`, 'agent', { form: {} }),
    // The directors' channel.
    wp('POST /api/requests/school-requests', '/api/requests/school-requests', 'ce1Teacher', {
      payload: { kind: 'works', title: 'Intrus', details: 'Intrus' },
      expect: 403,
    }),
    wp('GET /api/requests/notes', '/api/requests/notes', 'otherDirector', { expect: 200, absent: noteSecret }),
    wp('GET /api/requests/notes', '/api/requests/notes', 'agent', { expect: 200, absent: noteSecret }),
    wp('GET /api/requests/notes', '/api/requests/notes', 'ce1aParent', { expect: 403 }),
    wp('POST /api/requests/notes', '/api/requests/notes', 'director', {
      payload: { title: 'Intrus', body: 'Intrus', allSchools: true, schoolIds: [] },
      expect: 403,
    }),
    wp('GET /api/requests/notes/:id', `/api/requests/notes/${noteId}`, 'otherDirector', { absent: noteSecret }),
    wp('GET /api/requests/notes/:id', `/api/requests/notes/${noteId}`, 'agent', { absent: noteSecret }),
    wp('GET /mairie', '/mairie', 'otherDirector', { expect: 200, absent: [...noteSecret, ...schoolSecret] }),
    wp('GET /mairie', '/mairie', 'ce1Teacher', { expect: 403 }),
    wp('GET /mairie/demandes/nouvelle', '/mairie/demandes/nouvelle', 'ce1aParent', { expect: 403 }),
    wp('POST /mairie/demandes', '/mairie/demandes', 'ce1Teacher', { form: { kind: 'works', title: 'Intrus', details: 'Intrus' }, expect: 403 }),
    wp('GET /mairie/notes/nouvelle', '/mairie/notes/nouvelle', 'director', { expect: 403 }),
    wp('POST /mairie/notes', '/mairie/notes', 'director', { form: { title: 'Intrus', body: 'Intrus', audience: 'all' }, expect: 403 }),
    wp('GET /mairie/notes/:id', `/mairie/notes/${noteId}`, 'otherDirector', { absent: noteSecret }),
    wp('GET /mairie/notes/:id', `/mairie/notes/${noteId}`, 'ce1aParent', { absent: noteSecret }),
  ];
}
