import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { newId, type Db } from '../../kernel/db/index.js';
import { nextSchoolYear } from './service/deps.js';
import type { DocumentKind, RequestKind, RequestStatus } from './tables.js';

const PDF = (title: string) => Buffer.from(`%PDF-1.4\n% ${title}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

/**
 * The demo town's requests: the story's parent has an enrolment waiting for a document, a
 * dérogation accepted with its answer and an attestation just sent; the director asked for
 * works; the town wrote to every director. Needs the town's agent (the canteen's demo makes it).
 */
export async function seedRequestsDemo(
  app: FastifyInstance,
  input: { schoolId: string; agentId: string | null; parentId: string; pupilId: string; directorId: string | null },
): Promise<void> {
  const db = app.db;
  const school = await db.selectFrom('structures').select(['id', 'parentId']).where('id', '=', input.schoolId).executeTakeFirstOrThrow();
  if (!school.parentId || !input.agentId) return;
  const town = school.parentId;
  const agent = input.agentId;
  const now = app.clock.now();
  const at = (daysAgo: number, hour = 10) => new Date(now.getTime() - daysAgo * 86_400_000 + (hour - 10) * 3_600_000).toISOString();

  const file = async (requestId: string, kind: DocumentKind, name: string, by: string, when: string, answer = false) => {
    const blob = await app.blobs.put(Readable.from([PDF(name)]), { maxBytes: 10_000, fileName: name });
    await db
      .insertInto('requestsFiles')
      .values({
        id: newId(),
        requestId,
        kind,
        answer: answer ? 1 : 0,
        blobKey: blob.key,
        fileName: name,
        size: blob.size,
        contentType: blob.contentType,
        sha256: blob.sha256,
        uploadedBy: by,
        uploadedAt: when,
      })
      .execute();
  };
  const request = async (
    r: { kind: RequestKind; origin: 'family' | 'school'; requesterId: string; title?: string; details?: string; reason?: string },
    steps: [RequestStatus, string, number][],
  ) => {
    const id = newId();
    const last = steps.at(-1)!;
    await db
      .insertInto('requestsRequests')
      .values({
        id,
        origin: r.origin,
        kind: r.kind,
        municipalityId: town,
        structureId: school.id,
        studentId: r.origin === 'family' ? input.pupilId : null,
        requesterId: r.requesterId,
        schoolYear: r.kind === 'enrolment' ? nextSchoolYear(now) : null,
        title: r.title ?? '',
        details: r.details ?? '',
        reason: r.reason ?? '',
        attestationKind: r.kind === 'attestation' ? 'payment' : null,
        status: last[0],
        createdAt: at(steps[0]![2]),
        updatedAt: at(last[2]),
      })
      .execute();
    for (const [i, [status, by, daysAgo]] of steps.entries())
      await db
        .insertInto('requestsStatusChanges')
        .values({ id: newId(), requestId: id, status, changedBy: by, changedAt: at(daysAgo), position: i + 1 })
        .execute();
    return id;
  };
  const message = (requestId: string, authorId: string, body: string, daysAgo: number) =>
    db
      .insertInto('requestsMessages')
      .values({ id: newId(), requestId, authorId, body, createdAt: at(daysAgo, 11), position: 1 })
      .execute();

  const parent = input.parentId;
  const enrolment = await request({ kind: 'enrolment', origin: 'family', requesterId: parent, details: 'Inscription pour la rentrée ; garde alternée.' }, [
    ['submitted', parent, 6],
    ['inReview', agent, 5],
    ['waiting', agent, 4],
  ]);
  await file(enrolment, 'address', 'facture-electricite.pdf', parent, at(6));
  await file(enrolment, 'family', 'livret-de-famille.pdf', parent, at(6));
  await message(enrolment, agent, 'Bonjour, la page des vaccinations est illisible : pourriez-vous la renvoyer ?', 4);
  await file(enrolment, 'vaccinations', 'vaccins.pdf', parent, at(6));

  const exemption = await request(
    { kind: 'exemption', origin: 'family', requesterId: parent, reason: 'Son frère est déjà scolarisé à l’école des Tilleuls.' },
    [
      ['submitted', parent, 20],
      ['inReview', agent, 18],
      ['accepted', agent, 12],
    ],
  );
  await file(exemption, 'other', 'accord-derogation.pdf', agent, at(12), true);
  await request({ kind: 'attestation', origin: 'family', requesterId: parent }, [['submitted', parent, 1]]);

  if (input.directorId) {
    const works = await request(
      {
        kind: 'works',
        origin: 'school',
        requesterId: input.directorId,
        title: 'Fuite au plafond de la salle 3',
        details: 'Une tache s’agrandit depuis lundi.',
      },
      [
        ['submitted', input.directorId, 3],
        ['inReview', agent, 2],
      ],
    );
    await message(works, agent, 'Les services techniques passent jeudi matin.', 2);
  }
  await seedNote(db, { town, agent, when: at(2) });
}

async function seedNote(db: Db, n: { town: string; agent: string; when: string }) {
  await db
    .insertInto('requestsNotes')
    .values({
      id: newId(),
      municipalityId: n.town,
      authorId: n.agent,
      title: 'Effectifs de cantine pour janvier',
      body: 'Merci de nous faire remonter vos effectifs prévisionnels de cantine pour janvier avant vendredi.',
      allSchools: 1,
      createdAt: n.when,
    })
    .execute();
}
