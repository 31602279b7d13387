import { enqueue, type Executor, type JobRunner } from '../jobs/index.js';

/**
 * Typed events between modules, delivered through the job table (an outbox). Modules declare
 * their events by augmenting `EventMap`
 * (`declare module '…/kernel/events/index.js' { interface EventMap { 'homework.published': {…} } }`)
 * and subscribe to other modules' events without importing them.
 *
 * `publish` runs inside the transaction that makes the change and writes one job per
 * subscriber: the reaction exists if and only if the change was committed, runs once per
 * subscriber even with several instances, is retried when it fails, and its failure never
 * reaches the person whose change caused it.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EventMap {}

export type EventName = keyof EventMap & string;

type Handler<P> = (payload: P, context: { now: Date }) => Promise<void>;

export interface PublishOptions {
  /** The event happens at this time (a lesson published for later): its reactions wait for it. */
  at?: Date;
  /**
   * What makes this event unique (the lesson's id for its first publication): publishing it again,
   * after a retry of the request, delivers nothing twice.
   */
  key?: string;
}

export class EventBus {
  private readonly subscribers = new Map<string, string[]>();

  constructor(private readonly jobs: JobRunner) {}

  /**
   * Subscribes `subscriber` (a module's name) to an event. Each subscriber's reaction is its own
   * job kind, `event:<name>:<subscriber>`, so one failing reaction does not hold back the others.
   */
  on<K extends EventName>(name: K, subscriber: string, handler: Handler<EventMap[K]>): void {
    const kind = jobKind(name, subscriber);
    this.jobs.register<EventMap[K]>(kind, (payload, { now }) => handler(payload, { now }));
    this.subscribers.set(name, [...(this.subscribers.get(name) ?? []), subscriber]);
  }

  /** Records the event's reactions in the caller's transaction. Returns how many were written. */
  async publish<K extends EventName>(db: Executor, name: K, payload: EventMap[K], options: PublishOptions = {}): Promise<number> {
    let written = 0;
    for (const subscriber of this.subscribers.get(name) ?? []) {
      const kind = jobKind(name, subscriber);
      const { created } = await enqueue(db, kind, payload, { runAt: options.at, key: options.key ? `${kind}:${options.key}` : undefined });
      if (created) written++;
    }
    return written;
  }

  /** Who listens to an event (for tests and the jobs page). */
  subscribersOf(name: EventName): string[] {
    return [...(this.subscribers.get(name) ?? [])];
  }
}

export const jobKind = (name: string, subscriber: string) => `event:${name}:${subscriber}`;
