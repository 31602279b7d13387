/**
 * The time, as the application sees it. Services read `app.clock.now()` (passed in their deps)
 * instead of `new Date()`, so that tests set the day and hour they need: a lesson published
 * tonight, a deadline passed, a school year that has ended, whatever the machine's date.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that tests move by hand. */
export class TestClock implements Clock {
  private at: number;
  constructor(start: Date | string) {
    this.at = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.at);
  }
  set(at: Date | string): void {
    this.at = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.at += ms;
  }
}
