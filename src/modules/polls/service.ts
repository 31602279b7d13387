// Polls: create for an audience one may reach, vote (per person or per family), results and export.
import { authorize, can, type Actor } from '../../kernel/authz/index.js';
import type { Clock } from '../../kernel/clock.js';
import { newId, type Db } from '../../kernel/db/index.js';
import { enqueue } from '../../kernel/jobs/index.js';
import { Conflict, InvalidInput, Problems } from '../../kernel/http/errors.js';
import { csvCell } from '../../kernel/csv.js';
import { compareFrench, withLocale } from '../../kernel/i18n/index.js';
import { displayName, groupStanding, schoolYearOf } from '../directory/index.js';
import { t } from './i18n/fr.js';
import type { PollFacts } from './policy.js';
import { OPENED_JOB } from './jobs.js';
import * as repo from './repository.js';
import type { PollAudience } from './tables.js';

export interface Deps {
  db: Db;
  clock: Clock;
}

export const MAX_OPTIONS = 20;
export const MAX_TITLE = 200;
export const MAX_DESCRIPTION = 3000;
export const MAX_OPTION = 200;

export interface PollInput {
  audience: PollAudience;
  groupId?: string | null;
  /** The council's members, for `people`. */
  personIds?: string[];
  title: string;
  description?: string;
  options: string[];
  multiple: boolean;
  perFamily: boolean;
  anonymous: boolean;
  resultsLive: boolean;
  opensAt: string;
  closesAt: string;
}

const validInstant = (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s));

/** Creates a poll; its audience is fixed now, from what the author may reach. */
export async function createPoll(deps: Deps, actor: Actor, input: PollInput): Promise<{ id: string }> {
  const now = deps.clock.now();
  authorize(actor, 'polls.poll.write', {});
  let facts: { audience: PollAudience; structureId: string; current: boolean; relations: ('teacher' | 'student' | 'relative')[] } | null;
  if (input.audience === 'classParents') {
    if (!input.groupId) throw new InvalidInput([{ field: 'groupId', message: t('polls.error.class') }]);
    const g = await groupStanding(deps.db, actor.personId, input.groupId, now);
    facts = g && { audience: input.audience, structureId: g.structureId, current: g.current, relations: g.relations };
  } else {
    const structureId = actor.activeStructureId;
    facts = structureId ? { audience: input.audience, structureId, current: true, relations: [] } : null;
  }
  authorize(actor, 'polls.poll.create', facts);
  const options = input.options.map((o) => o.trim()).filter((o) => o !== '');
  const problems = new Problems()
    .check(input.title.trim() !== '', 'title', t('polls.error.title'))
    .check(options.length >= 2 && options.length <= MAX_OPTIONS, 'options', t('polls.error.options', MAX_OPTIONS))
    .check(new Set(options).size === options.length, 'options', t('polls.error.options_twice'))
    .check(validInstant(input.opensAt), 'opensAt', t('polls.error.date'))
    .check(validInstant(input.closesAt), 'closesAt', t('polls.error.date'))
    .check(!input.perFamily || input.audience === 'classParents', 'perFamily', t('polls.error.per_family'));
  if (validInstant(input.opensAt) && validInstant(input.closesAt))
    problems.check(Date.parse(input.closesAt) > Date.parse(input.opensAt), 'closesAt', t('polls.error.close_before_open'));
  let members: string[] = [];
  if (input.audience === 'classParents') members = await repo.classGuardians(deps.db, input.groupId!);
  else if (input.audience === 'staff') members = await repo.staffOf(deps.db, facts.structureId);
  else {
    const chosen = [...new Set(input.personIds ?? [])];
    members = await repo.membersAmong(deps.db, facts.structureId, chosen);
    problems.check(chosen.length > 0, 'personIds', t('polls.error.people')).check(members.length === chosen.length, 'personIds', t('polls.error.not_member'));
  }
  problems.check(members.length > 0 || input.audience === 'people', 'audience', t('polls.error.empty'));
  problems.throwIfAny();
  const id = newId();
  const at = now.toISOString();
  const year = schoolYearOf(now);
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertPoll(
      trx,
      {
        id,
        structureId: facts.structureId,
        schoolYear: year,
        authorId: actor.personId,
        audience: input.audience,
        groupId: input.audience === 'classParents' ? input.groupId! : null,
        title: input.title.trim(),
        description: (input.description ?? '').trim(),
        multiple: input.multiple ? 1 : 0,
        perFamily: input.perFamily ? 1 : 0,
        anonymous: input.anonymous ? 1 : 0,
        resultsLive: input.resultsLive ? 1 : 0,
        opensAt: new Date(input.opensAt).toISOString(),
        closesAt: new Date(input.closesAt).toISOString(),
        createdAt: at,
        updatedAt: at,
        withdrawnAt: null,
        withdrawnBy: null,
      },
      options,
      members,
      newId,
    );
    // Its members are told when it opens (now, or at the date chosen).
    const opensAt = new Date(input.opensAt);
    await enqueue(trx, OPENED_JOB, { pollId: id }, { key: `${OPENED_JOB}:${id}`, runAt: opensAt > now ? opensAt : undefined });
  });
  return { id };
}

async function pollFacts(deps: Deps, actor: Actor, id: string) {
  const poll = await repo.findPoll(deps.db, id);
  if (!poll) return null;
  const now = deps.clock.now().toISOString();
  const facts: PollFacts = {
    structureId: poll.structureId,
    authorId: poll.authorId,
    member: await repo.isMember(deps.db, id, actor.personId),
    current: poll.schoolYear === schoolYearOf(deps.clock.now()),
    open: poll.opensAt <= now && now < poll.closesAt,
    closed: now >= poll.closesAt,
    resultsLive: poll.resultsLive === 1,
    withdrawn: poll.withdrawnAt !== null,
  };
  return { poll, facts };
}

/** The voter keys the asker votes with: themself, or one per child of theirs in the class for a family vote. */
async function voterSlots(deps: Deps, actor: Actor, poll: NonNullable<Awaited<ReturnType<typeof repo.findPoll>>>) {
  if (poll.perFamily !== 1 || !poll.groupId) return [{ key: actor.personId, studentId: null, label: null as string | null }];
  const children = await repo.childrenInClass(deps.db, actor.personId, poll.groupId);
  return children
    .map((c) => ({ key: `child:${c.id}`, studentId: c.id as string | null, label: displayName(c) as string | null }))
    .sort((a, b) => compareFrench(a.label!, b.label!));
}

/** A poll as the asker may see it: options, their own ballots, and the results when allowed. */
export async function pollDetail(deps: Deps, actor: Actor, id: string) {
  const found = await pollFacts(deps, actor, id);
  authorize(actor, 'polls.poll.read', found?.facts);
  const { poll, facts } = found!;
  const options = await repo.optionsOf(deps.db, id);
  const votes = can(actor, 'polls.poll.vote', facts) || facts.member;
  const slots = votes ? await voterSlots(deps, actor, poll) : [];
  const ballots = await repo.ballotsOf(
    deps.db,
    id,
    slots.map((s) => s.key),
  );
  const mine = await Promise.all(
    slots.map(async (s) => {
      const ballot = ballots.find((b) => b.voterKey === s.key);
      return {
        studentId: s.studentId,
        child: s.label,
        voted: !!ballot,
        votedAt: ballot?.updatedAt ?? null,
        choices: ballot && poll.anonymous === 0 ? await repo.choicesOf(deps.db, id, s.key) : [],
      };
    }),
  );
  const showResults = can(actor, 'polls.results.read', facts);
  return {
    id: poll.id,
    title: poll.title,
    description: poll.description,
    audience: poll.audience,
    multiple: poll.multiple === 1,
    perFamily: poll.perFamily === 1,
    anonymous: poll.anonymous === 1,
    resultsLive: poll.resultsLive === 1,
    opensAt: poll.opensAt,
    closesAt: poll.closesAt,
    open: facts.open,
    closed: facts.closed,
    withdrawn: facts.withdrawn,
    canVote: can(actor, 'polls.poll.vote', facts),
    canEdit: can(actor, 'polls.poll.edit', facts),
    canExport: can(actor, 'polls.results.export', facts),
    options: options.map((o) => ({ id: o.id, label: o.label })),
    mine,
    results: showResults ? await results(deps, poll.id, options) : null,
  };
}
export type PollDetail = Awaited<ReturnType<typeof pollDetail>>;

async function results(deps: Deps, pollId: string, options: { id: string; label: string }[]) {
  const [counts, ballots] = await Promise.all([repo.tally(deps.db, pollId), repo.countBallots(deps.db, pollId)]);
  return { ballots, options: options.map((o) => ({ id: o.id, label: o.label, votes: counts.get(o.id) ?? 0 })) };
}

/** Votes for oneself, or for a child's family; a named vote may be changed while open, an anonymous one is final. */
export async function vote(deps: Deps, actor: Actor, id: string, input: { optionIds: string[]; studentId?: string | null }) {
  const found = await pollFacts(deps, actor, id);
  authorize(actor, 'polls.poll.vote', found?.facts);
  const poll = found!.poll;
  const slots = await voterSlots(deps, actor, poll);
  const slot = poll.perFamily === 1 ? slots.find((s) => s.studentId === input.studentId) : slots[0];
  if (!slot) throw new InvalidInput([{ field: 'studentId', message: t('polls.error.child') }]);
  const options = new Set((await repo.optionsOf(deps.db, id)).map((o) => o.id));
  const chosen = [...new Set(input.optionIds)];
  new Problems()
    .check(chosen.length > 0, 'optionIds', t('polls.error.choose'))
    .check(
      chosen.every((o) => options.has(o)),
      'optionIds',
      t('polls.error.not_option'),
    )
    .check(poll.multiple === 1 || chosen.length <= 1, 'optionIds', t('polls.error.single'))
    .throwIfAny();
  const existing = await repo.ballotsOf(deps.db, id, [slot.key]);
  if (existing.length > 0 && poll.anonymous === 1) throw new Conflict('polls.vote_final', t('polls.error.vote_final'));
  const at = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await repo.castBallot(
      trx,
      { pollId: id, voterKey: slot.key, castBy: poll.anonymous === 1 ? null : actor.personId, at, optionIds: chosen, anonymous: poll.anonymous === 1 },
      newId,
    );
  });
  return { voted: true, at };
}

export interface PollEdit {
  title?: string;
  description?: string;
  closesAt?: string;
  resultsLive?: boolean;
  anonymous?: boolean;
  withdraw?: boolean;
}

/** The author changes the poll; anonymity is locked from the first vote, and a withdrawn poll stays, marked. */
export async function editPoll(deps: Deps, actor: Actor, id: string, input: PollEdit) {
  const found = await pollFacts(deps, actor, id);
  authorize(actor, 'polls.poll.edit', found?.facts);
  const poll = found!.poll;
  if (input.anonymous !== undefined && (input.anonymous ? 1 : 0) !== poll.anonymous && (await repo.countBallots(deps.db, id)) > 0)
    throw new Conflict('polls.anonymity_locked', t('polls.error.anonymity_locked'));
  const problems = new Problems();
  if (input.title !== undefined) problems.check(input.title.trim() !== '', 'title', t('polls.error.title'));
  if (input.closesAt !== undefined) {
    problems.check(validInstant(input.closesAt), 'closesAt', t('polls.error.date'));
    if (validInstant(input.closesAt)) problems.check(Date.parse(input.closesAt) > Date.parse(poll.opensAt), 'closesAt', t('polls.error.close_before_open'));
  }
  problems.throwIfAny();
  const now = deps.clock.now().toISOString();
  await repo.updatePoll(deps.db, id, {
    ...(input.title !== undefined && { title: input.title.trim() }),
    ...(input.description !== undefined && { description: input.description.trim() }),
    ...(input.closesAt !== undefined && { closesAt: new Date(input.closesAt).toISOString() }),
    ...(input.resultsLive !== undefined && { resultsLive: input.resultsLive ? 1 : 0 }),
    ...(input.anonymous !== undefined && { anonymous: input.anonymous ? 1 : 0 }),
    ...(input.withdraw && { withdrawnAt: now, withdrawnBy: actor.personId }),
    updatedAt: now,
  });
  return pollDetail(deps, actor, id);
}

/** The results as CSV (semicolons, for French spreadsheets): counts per option, then who voted what unless anonymous. */
export async function exportResults(deps: Deps, actor: Actor, id: string): Promise<{ filename: string; csv: string }> {
  const found = await pollFacts(deps, actor, id);
  authorize(actor, 'polls.results.export', found?.facts);
  const poll = found!.poll;
  const options = await repo.optionsOf(deps.db, id);
  const r = await results(deps, id, options);
  // Exports stay in French, whatever the reader's interface language.
  const fr = (key: Parameters<typeof t>[0]) => withLocale('fr', () => t(key));
  const lines = [
    [fr('polls.csv.option'), fr('polls.csv.votes')].join(';'),
    ...r.options.map((o) => `${csvCell(o.label)};${o.votes}`),
    `${fr('polls.csv.ballots')};${r.ballots}`,
  ];
  if (poll.anonymous === 0) {
    const [named, choices] = await Promise.all([repo.namedVotes(deps.db, id), repo.allChoices(deps.db, id)]);
    const label = new Map(options.map((o) => [o.id, o.label]));
    lines.push('', [fr('polls.csv.voter'), fr('polls.csv.child'), fr('polls.csv.choices'), fr('polls.csv.at')].join(';'));
    const rows = named
      .map((n) => ({
        voter: displayName(n),
        child: n.childFirstName ? displayName({ firstName: n.childFirstName, lastName: n.childLastName ?? '', usageName: n.childUsageName }) : '',
        choices: choices
          .filter((c) => c.voterKey === n.voterKey)
          .map((c) => label.get(c.optionId) ?? '')
          .join(' / '),
        at: n.updatedAt,
      }))
      .sort((a, b) => compareFrench(a.voter, b.voter));
    for (const row of rows) lines.push([row.voter, row.child, row.choices, row.at].map(csvCell).join(';'));
  }
  return { filename: `sondage-${poll.id.slice(0, 8)}.csv`, csv: `\ufeff${lines.join('\r\n')}\r\n` };
}

/** The polls the asker may read, newest first. */
export async function listPolls(deps: Deps, actor: Actor, options: { limit: number; offset: number }) {
  authorize(actor, 'polls.index.open', {});
  const now = deps.clock.now();
  const at = now.toISOString();
  const rows = await repo.listPolls(deps.db, actor, schoolYearOf(now), options);
  return rows.map((p) => ({
    id: p.id,
    title: p.title,
    audience: p.audience,
    opensAt: p.opensAt,
    closesAt: p.closesAt,
    open: p.opensAt <= at && at < p.closesAt && !p.withdrawnAt,
    withdrawn: p.withdrawnAt !== null,
    mine: p.authorId === actor.personId,
  }));
}

/** What the creation form offers: the classes one may poll the parents of, and whether one may poll the staff or a council. */
export async function creationChoices(deps: Deps, actor: Actor) {
  authorize(actor, 'polls.poll.write', {});
  const structureId = actor.activeStructureId;
  const director = !!structureId && can(actor, 'polls.poll.create', { audience: 'staff', structureId, current: true, relations: [] });
  const year = schoolYearOf(deps.clock.now());
  const classes = await deps.db
    .selectFrom('groups')
    .select(['id', 'name', 'level'])
    .where('schoolYear', '=', year)
    .where('kind', '=', 'class')
    .where((eb) => {
      const own = eb('id', 'in', deps.db.selectFrom('groupMembers').select('groupId').where('personId', '=', actor.personId).where('role', '=', 'teacher'));
      return director ? eb.or([own, eb('structureId', '=', structureId)]) : own;
    })
    .execute();
  const people = director ? await repo.schoolPeople(deps.db, structureId) : [];
  return { classes, director, people };
}
