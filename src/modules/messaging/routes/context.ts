import type { Clock } from '../service.js';

/** What the messaging routes share: the clock of a request (now, school year, notice trigger). */
export interface MessagingContext {
  clock(): Clock;
}
