import type { Config } from '../config/index.js';
import type { SelectQueryBuilder } from 'kysely';
import type { Database, Db, DbKind } from '../db/index.js';
import type { Actor } from '../authz/index.js';
import type { NavItem, LayoutProps } from '../views/layout.js';
import type { ComponentChildren } from 'preact';
import type { EventBus } from '../events/index.js';
import type { BlobStore } from '../storage/index.js';

/** A navigation entry and who sees it. */
export interface NavRegistration extends Omit<NavItem, 'count' | 'label'> {
  /** A function when the module's catalogue is translated: called per page, in the page's language. */
  label: string | (() => string);
  order: number;
  visible(actor: Actor): boolean;
  /**
   * A number shown beside the label (unread items); omitted or 0 shows nothing. A query selecting
   * one row with the number as `n`: the page runs every entry's counter as one statement.
   */
  counter?(actor: Actor, db: Db): CounterQuery;
}

/** `select count(*) as n from …`, built but not run. */
export type CounterQuery = SelectQueryBuilder<Database, keyof Database, { n: number | string | bigint }>;

export interface SessionInfo {
  id: string;
  personId: string;
  csrfToken: string;
  structureId: string | null;
}

export type PageOptions = Omit<LayoutProps, 'children' | 'user' | 'nav' | 'csrfToken' | 'currentPath' | 'flash' | 'look'> & {
  status?: number;
};

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    /** The application's time: read it instead of `new Date()` (tests set it). */
    clock: import('../clock.js').Clock;
    db: Db;
    dbKind: DbKind;
    nav: NavRegistration[];
    events: EventBus;
    /** Where files live (disk or S3), for every module that stores files. */
    blobs: BlobStore;
    /** Deferred and scheduled work: modules `register` handlers; `preau serve` starts it. */
    jobs: import('../jobs/index.js').JobRunner;
    /** Which blob keys each module's rows reference (the blob sweep keeps those). */
    blobReferences: import('../storage/sweep.js').BlobReferences;
    /** The shared Redis connection when REDIS_URL is set, else null (one instance keeps its state in memory). */
    redis: import('../redis.js').RedisClient | null;
    /** Modules' events for the personal iCalendar feed (`app.calendarSources.add(name, source)`). */
    calendarSources: import('../ical/index.js').CalendarSources;
    /** Modules' blocks on the home page (`app.homeSections.add({...})`). */
    homeSections: import('../views/home-sections.js').HomeSections;
    /** Modules' processing-register entries and personal-data exporters (`app.privacy.declare({...})`). */
    privacy: import('../privacy.js').PrivacyRegistry;
    /** Modules' additions to every page's frame (`app.pageLooks.add(source)`). */
    pageLooks: import('../views/page-look.js').PageLooks;
    /** Every route registered, in order (the route-coverage test reads it). */
    routeTable: import('./plugin.js').RouteRecord[];
  }
  interface FastifyRequest {
    /** The signed-in person. Inside an `authenticated` scope always present; elsewhere reading it without a session is a 401. */
    readonly actor: Actor;
    /** The signed-in person or null, for public routes and the layout. */
    optionalActor: Actor | null;
    session: SessionInfo | null;
    /** Token forms must send back in `_csrf` (or the `x-csrf-token` header). */
    csrfToken: string;
    /** The one-shot message set by the previous request, if any. */
    flash: string | null;
  }
  interface FastifyReply {
    /** Renders a full page in the layout, with the person's navigation. */
    page(options: PageOptions, body: ComponentChildren): Promise<FastifyReply>;
    /** Stores a message shown on the next page. */
    setFlash(message: string): FastifyReply;
  }
  interface FastifyContextConfig {
    /** Route does not need the CSRF token (e.g. token-authenticated feeds). */
    skipCsrf?: boolean;
    /** Set by the route kit: `person` inside `authenticated`, `public` inside `publicRoutes`. */
    access?: 'person' | 'public';
    /** Reachable while the usage charter is still to be accepted (the charter itself, logout, who am I). */
    beforeCharter?: boolean;
    /**
     * The route reads or changes only the signed-in person's own things and takes no id of anyone
     * else's (their preferences, their unread count): no wrong-person case is asked of it.
     */
    personal?: boolean;
  }
}
