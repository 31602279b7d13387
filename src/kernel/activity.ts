// Usage counting for the steering dashboards. A signed-in request or a module's action is noted
// in memory (no I/O on the request's path) and written in batches: distinct people and sessions
// as keyed hashes (HMAC with a per-day or per-month secret) in raw tables that the rollup job
// empties, actions as counters. No person id is ever written by this file.
import { createHmac, randomBytes } from 'node:crypto';
import fp from 'fastify-plugin';
import type { Profile } from './authz/index.js';
import type { Clock } from './clock.js';
import { parisDay } from './dates.js';
import type { Db } from './db/index.js';

/** Distinct (person, session) seen in a day, per structure, profile and service; emptied by the rollup. */
export interface SteeringRawDaysTable {
  day: string;
  structureId: string;
  profile: string;
  service: string;
  personHash: string;
  sessionHash: string;
}

/** Distinct people seen in a month, per structure, profile and service; emptied when the month is over. */
export interface SteeringRawMonthsTable {
  month: string;
  structureId: string;
  profile: string;
  service: string;
  personHash: string;
}

/** Families (a pupil's household) with a parent seen in a month, keyed by the pupil's hash. */
export interface SteeringRawFamiliesTable {
  month: string;
  structureId: string;
  familyHash: string;
}

/** Counted actions (lessons published, messages sent…) per day: counters, nobody's trail. */
export interface SteeringActionsTable {
  day: string;
  structureId: string;
  profile: string;
  service: string;
  action: string;
  n: number;
}

/** One secret per day or month; deleted with the raw rows, after which their hashes link nobody. */
export interface SteeringSecretsTable {
  period: string;
  secret: string;
}

declare module './db/index.js' {
  interface Database {
    steeringRawDays: SteeringRawDaysTable;
    steeringRawMonths: SteeringRawMonthsTable;
    steeringRawFamilies: SteeringRawFamiliesTable;
    steeringActions: SteeringActionsTable;
    steeringSecrets: SteeringSecretsTable;
  }
}

export interface ActivityEntry {
  structureId: string | null;
  profile: Profile;
  /** The service used (`homework`, `messaging`…), from the route's prefix or the module. */
  service: string;
  /** A counted action (`homework.lesson.published`); absent for a plain visit. */
  action?: string;
  /** The person and session, for distinct counts: hashed at write time, never stored. */
  personId?: string;
  sessionId?: string;
}

/** The pupils a parent's visit counts as reached families for (set by the steering module). */
export type HouseholdsOf = (db: Db, relativeIds: string[]) => Promise<Map<string, string[]>>;

const BATCH = 500;

export class ActivityRecorder {
  private visits = new Map<string, { day: string; entry: ActivityEntry }>();
  private actions = new Map<string, { day: string; entry: ActivityEntry; n: number }>();
  private secrets = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  householdsOf: HouseholdsOf | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Notes one visit or action: a map update, nothing else. */
  record(entry: ActivityEntry): void {
    if (!entry.structureId) return;
    const day = parisDay(this.clock.now());
    if (entry.action) {
      const key = [day, entry.structureId, entry.profile, entry.service, entry.action].join('|');
      const seen = this.actions.get(key);
      if (seen) seen.n += 1;
      else this.actions.set(key, { day, entry, n: 1 });
    }
    if (entry.personId) {
      const key = [day, entry.structureId, entry.profile, entry.service, entry.personId, entry.sessionId ?? ''].join('|');
      if (!this.visits.has(key)) this.visits.set(key, { day, entry });
    }
    if (this.visits.size + this.actions.size >= BATCH) void this.flush().catch(() => undefined);
  }

  /** Writes what is buffered (one statement per table and batch); flushes run one after another. */
  flush(): Promise<void> {
    this.flushing = this.flushing.catch(() => undefined).then(() => this.write());
    return this.flushing;
  }

  /** Flushes every `everyMs` (counts are statistics: at most that much is lost if the process dies). */
  start(everyMs = 10_000): void {
    this.timer ??= setInterval(() => void this.flush().catch(() => undefined), everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  /** Forgets the cached secrets of periods the rollup has closed. */
  forget(period: string): void {
    this.secrets.delete(period);
  }

  private async secret(period: string): Promise<string> {
    const cached = this.secrets.get(period);
    if (cached) return cached;
    await this.db
      .insertInto('steeringSecrets')
      .values({ period, secret: randomBytes(32).toString('hex') })
      .onConflict((oc) => oc.column('period').doNothing())
      .execute();
    const row = await this.db.selectFrom('steeringSecrets').select('secret').where('period', '=', period).executeTakeFirstOrThrow();
    this.secrets.set(period, row.secret);
    return row.secret;
  }

  private async hash(period: string, id: string): Promise<string> {
    return createHmac('sha256', await this.secret(period))
      .update(id)
      .digest('base64url')
      .slice(0, 22);
  }

  private async write(): Promise<void> {
    const visits = [...this.visits.values()];
    const actions = [...this.actions.values()];
    this.visits.clear();
    this.actions.clear();
    if (actions.length > 0) {
      const rows = actions.map(({ day, entry, n }) => ({
        day,
        structureId: entry.structureId!,
        profile: entry.profile,
        service: entry.service,
        action: entry.action!,
        n,
      }));
      await this.db
        .insertInto('steeringActions')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['day', 'structureId', 'profile', 'service', 'action']).doUpdateSet((eb) => ({ n: eb('steeringActions.n', '+', eb.ref('excluded.n')) })),
        )
        .execute();
    }
    if (visits.length === 0) return;
    const days = [];
    const months = [];
    for (const { day, entry } of visits) {
      const month = day.slice(0, 7);
      const base = { structureId: entry.structureId!, profile: entry.profile, service: entry.service };
      days.push({ ...base, day, personHash: await this.hash(day, entry.personId!), sessionHash: entry.sessionId ? await this.hash(day, entry.sessionId) : '' });
      months.push({ ...base, month, personHash: await this.hash(month, entry.personId!) });
    }
    for (let i = 0; i < days.length; i += BATCH) {
      await this.db
        .insertInto('steeringRawDays')
        .values(days.slice(i, i + BATCH))
        .onConflict((oc) => oc.doNothing())
        .execute();
      await this.db
        .insertInto('steeringRawMonths')
        .values(months.slice(i, i + BATCH))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    await this.writeFamilies(visits);
  }

  private async writeFamilies(visits: { day: string; entry: ActivityEntry }[]): Promise<void> {
    const parents = visits.filter((v) => v.entry.profile === 'relative');
    if (!this.householdsOf || parents.length === 0) return;
    const children = await this.householdsOf(this.db, [...new Set(parents.map((v) => v.entry.personId!))]);
    const rows = new Map<string, { month: string; structureId: string; familyHash: string }>();
    for (const { day, entry } of parents) {
      const month = day.slice(0, 7);
      for (const child of children.get(entry.personId!) ?? []) {
        const familyHash = await this.hash(month, `family:${child}`);
        rows.set(`${month}|${entry.structureId}|${familyHash}`, { month, structureId: entry.structureId!, familyHash });
      }
    }
    if (rows.size > 0)
      await this.db
        .insertInto('steeringRawFamilies')
        .values([...rows.values()])
        .onConflict((oc) => oc.doNothing())
        .execute();
  }
}

/**
 * `app.activity`, and the hook that counts signed-in requests by service once the answer is sent
 * (off the request's path). `fastify-plugin`: the decorator and the hook must reach every module.
 * A route names the action it counts with `config: { activity: 'homework.lesson.published' }`.
 */
export const activityPlugin = fp(async (app, opts: { services: () => Set<string> }) => {
  const recorder = new ActivityRecorder(app.db, app.clock);
  // The navigation's prefixes ('' for the home page), read once every module has registered.
  let services: Set<string> | null = null;
  app.decorate('activity', recorder);
  app.addHook('onResponse', async (request, reply) => {
    const actor = request.optionalActor;
    if (!actor || reply.statusCode >= 400 || request.is404) return;
    const path = request.url.split('?')[0] ?? '/';
    const segments = path.split('/').filter(Boolean);
    const prefix = (segments[0] === 'api' ? segments[1] : segments[0]) ?? '';
    const action = request.routeOptions.config?.activity;
    // Only the services' own routes count (the login page, static files and feeds do not).
    services ??= opts.services();
    if (!action && !services.has(prefix)) return;
    const service = prefix || 'home';
    recorder.record({
      structureId: actor.activeStructureId,
      profile: actor.profile,
      service,
      action,
      personId: actor.personId,
      sessionId: request.session?.id,
    });
  });
  recorder.start();
  // Counts are statistics: a flush that fails at shutdown (the database already gone) is dropped.
  app.addHook('onClose', async () => recorder.stop().catch(() => undefined));
});

declare module 'fastify' {
  interface FastifyInstance {
    activity: ActivityRecorder;
  }
  interface FastifyContextConfig {
    /** The action this route counts for the steering dashboards when it succeeds. */
    activity?: string;
  }
}
