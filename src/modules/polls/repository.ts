// Kysely queries of polls; the list starts from who asks (the poll's audience, its author, the director).
import type { Actor } from '../../kernel/authz/index.js';
import type { Db } from '../../kernel/db/index.js';
import type { PollsTable } from './tables.js';
import './tables.js';

const directedStructures = (actor: Actor) =>
  Object.entries(actor.roles)
    .filter(([, roles]) => roles.includes('director'))
    .map(([id]) => id);

export async function findPoll(db: Db, id: string) {
  return db.selectFrom('polls').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function isMember(db: Db, pollId: string, personId: string) {
  return !!(await db.selectFrom('pollMembers').select('pollId').where('pollId', '=', pollId).where('personId', '=', personId).executeTakeFirst());
}

export async function optionsOf(db: Db, pollId: string) {
  return db.selectFrom('pollOptions').select(['id', 'label', 'position']).where('pollId', '=', pollId).orderBy('position').execute();
}

export async function insertPoll(db: Db, poll: PollsTable, options: string[], memberIds: string[], newId: () => string) {
  await db.insertInto('polls').values(poll).execute();
  await db
    .insertInto('pollOptions')
    .values(options.map((label, position) => ({ id: newId(), pollId: poll.id, label, position })))
    .execute();
  for (let i = 0; i < memberIds.length; i += 400)
    await db
      .insertInto('pollMembers')
      .values(memberIds.slice(i, i + 400).map((personId) => ({ pollId: poll.id, personId })))
      .execute();
}

/** Legal guardians of the pupils of a class. */
export async function classGuardians(db: Db, groupId: string) {
  const rows = await db
    .selectFrom('groupMembers')
    .innerJoin('relativeLinks', 'relativeLinks.studentId', 'groupMembers.personId')
    .select('relativeLinks.relativeId')
    .distinct()
    .where('groupMembers.groupId', '=', groupId)
    .where('groupMembers.role', '=', 'student')
    .where('relativeLinks.legalGuardian', '=', 1)
    .execute();
  return rows.map((r) => r.relativeId);
}

/** The school's staff: its active teachers and personnel. */
export async function staffOf(db: Db, structureId: string) {
  const rows = await db
    .selectFrom('structureMembers')
    .innerJoin('people', 'people.id', 'structureMembers.personId')
    .select('people.id')
    .where('structureMembers.structureId', '=', structureId)
    .where('structureMembers.active', '=', 1)
    .where('people.profile', 'in', ['teacher', 'personnel'])
    .execute();
  return rows.map((r) => r.id);
}

/** Of these people, the active members of the school. */
export async function membersAmong(db: Db, structureId: string, personIds: string[]) {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('structureMembers')
    .select('personId')
    .where('structureId', '=', structureId)
    .where('active', '=', 1)
    .where('personId', 'in', personIds)
    .execute();
  return rows.map((r) => r.personId);
}

/** The asker's children in the poll's class, for a vote per family. */
export async function childrenInClass(db: Db, personId: string, groupId: string) {
  return db
    .selectFrom('relativeLinks')
    .innerJoin('groupMembers', 'groupMembers.personId', 'relativeLinks.studentId')
    .innerJoin('people', 'people.id', 'relativeLinks.studentId')
    .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName'])
    .where('relativeLinks.relativeId', '=', personId)
    .where('relativeLinks.legalGuardian', '=', 1)
    .where('groupMembers.groupId', '=', groupId)
    .where('groupMembers.role', '=', 'student')
    .execute();
}

export async function ballotsOf(db: Db, pollId: string, voterKeys: string[]) {
  if (voterKeys.length === 0) return [];
  return db.selectFrom('pollBallots').selectAll().where('pollId', '=', pollId).where('voterKey', 'in', voterKeys).execute();
}

export async function countBallots(db: Db, pollId: string) {
  return Number(
    (
      await db
        .selectFrom('pollBallots')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('pollId', '=', pollId)
        .executeTakeFirstOrThrow()
    ).n,
  );
}

export async function choicesOf(db: Db, pollId: string, voterKey: string) {
  return (await db.selectFrom('pollChoices').select('optionId').where('pollId', '=', pollId).where('voterKey', '=', voterKey).execute()).map((r) => r.optionId);
}

/** Records a ballot and its choices; a non-anonymous voter's new ballot replaces their choices. */
export async function castBallot(
  db: Db,
  input: { pollId: string; voterKey: string; castBy: string | null; at: string; optionIds: string[]; anonymous: boolean },
  newId: () => string,
) {
  await db
    .insertInto('pollBallots')
    .values({ pollId: input.pollId, voterKey: input.voterKey, castBy: input.castBy, castAt: input.at, updatedAt: input.at })
    .onConflict((oc) => oc.columns(['pollId', 'voterKey']).doUpdateSet({ castBy: input.castBy, updatedAt: input.at }))
    .execute();
  if (!input.anonymous) await db.deleteFrom('pollChoices').where('pollId', '=', input.pollId).where('voterKey', '=', input.voterKey).execute();
  await db
    .insertInto('pollChoices')
    .values(input.optionIds.map((optionId) => ({ id: newId(), pollId: input.pollId, optionId, voterKey: input.anonymous ? null : input.voterKey })))
    .execute();
}

export async function tally(db: Db, pollId: string) {
  const rows = await db
    .selectFrom('pollChoices')
    .select((eb) => ['optionId', eb.fn.countAll<number>().as('n')])
    .where('pollId', '=', pollId)
    .groupBy('optionId')
    .execute();
  return new Map(rows.map((r) => [r.optionId, Number(r.n)]));
}

/** Who voted what, for a poll that is not anonymous: the caster and, for a family vote, the child. */
export async function namedVotes(db: Db, pollId: string) {
  return db
    .selectFrom('pollBallots as b')
    .innerJoin('people as p', 'p.id', 'b.castBy')
    .leftJoin('people as c', (j) =>
      j.on((eb) => eb('c.id', '=', eb.fn<string>('substr', [eb.ref('b.voterKey'), eb.val(7)]))).on('b.voterKey', 'like', 'child:%'),
    )
    .select([
      'b.voterKey',
      'p.firstName',
      'p.lastName',
      'p.usageName',
      'c.firstName as childFirstName',
      'c.lastName as childLastName',
      'c.usageName as childUsageName',
      'b.updatedAt',
    ])
    .where('b.pollId', '=', pollId)
    .execute();
}

export async function allChoices(db: Db, pollId: string) {
  return db.selectFrom('pollChoices').select(['voterKey', 'optionId']).where('pollId', '=', pollId).execute();
}

export async function updatePoll(db: Db, id: string, values: Partial<PollsTable>) {
  await db.updateTable('polls').set(values).where('id', '=', id).execute();
}

/** The polls the asker may read: their audience's this year, their own, their school's as director. */
export async function listPolls(db: Db, actor: Actor, year: string, options: { limit: number; offset: number }) {
  const directed = directedStructures(actor);
  return db
    .selectFrom('polls as p')
    .select(['p.id', 'p.title', 'p.opensAt', 'p.closesAt', 'p.audience', 'p.withdrawnAt', 'p.authorId', 'p.schoolYear'])
    .where((eb) => {
      const ors = [
        eb('p.authorId', '=', actor.personId),
        eb.and([
          eb('p.schoolYear', '=', year),
          eb.exists(eb.selectFrom('pollMembers as m').select('m.pollId').whereRef('m.pollId', '=', 'p.id').where('m.personId', '=', actor.personId)),
        ]),
      ];
      if (directed.length > 0) ors.push(eb('p.structureId', 'in', directed));
      return eb.or(ors);
    })
    .orderBy('p.createdAt', 'desc')
    .orderBy('p.id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
}

/** The school's active adults (for choosing a council's members), by name. */
export async function schoolPeople(db: Db, structureId: string) {
  const rows = await db
    .selectFrom('structureMembers')
    .innerJoin('people', 'people.id', 'structureMembers.personId')
    .select(['people.id', 'people.firstName', 'people.lastName', 'people.usageName', 'people.profile'])
    .where('structureMembers.structureId', '=', structureId)
    .where('structureMembers.active', '=', 1)
    .where('people.profile', '!=', 'student')
    .execute();
  return rows;
}
