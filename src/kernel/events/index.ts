/**
 * Typed in-process event bus. Modules declare their events by augmenting `EventMap`
 * (`declare module '…/kernel/events/index.js' { interface EventMap { 'homework.published': {…} } }`)
 * and react to other modules' events without importing them.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EventMap {}

type Handler<P> = (payload: P) => Promise<void> | void;

export class EventBus {
  private readonly handlers = new Map<string, Handler<never>[]>();

  on<K extends keyof EventMap & string>(name: K, handler: Handler<EventMap[K]>): void {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler as Handler<never>]);
  }

  /** Runs every handler and waits for them: a failing handler is logged by the caller, never lost. */
  async emit<K extends keyof EventMap & string>(name: K, payload: EventMap[K]): Promise<void> {
    for (const handler of this.handlers.get(name) ?? []) await (handler as Handler<EventMap[K]>)(payload);
  }
}
