// Schools live by the Paris calendar and clock; instants are stored in UTC. Everything here reads
// and writes Paris days (`YYYY-MM-DD`) and times (`HH:MM`) whatever the machine's zone, with daylight
// saving handled by Intl. Days are computed at noon UTC so that adding days never crosses a DST edge.

export const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const parisParts = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Paris',
  hourCycle: 'h23',
  weekday: 'short',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function partsOf(at: Date): Record<string, string> {
  return Object.fromEntries(parisParts.formatToParts(at).map((x) => [x.type, x.value]));
}

const noon = (day: string) => new Date(`${day}T12:00:00Z`);

/** A real calendar date written `YYYY-MM-DD` (no 31 April). */
export function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = noon(value);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function addDays(day: string, days: number): string {
  const d = noon(day);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Paris day of an instant. */
export function parisDay(at: string | Date): string {
  const p = partsOf(new Date(at));
  return `${p.year}-${p.month}-${p.day}`;
}

/** Today in France, where the schools are. */
export const todayInParis = (now: Date = new Date()): string => parisDay(now);

/** The Paris time of an instant, `18:30`. */
export function parisTime(at: string | Date): string {
  const p = partsOf(new Date(at));
  return `${p.hour}:${p.minute}`;
}

/** The Paris day, the minutes since midnight and the weekday (`Mon`…`Sun`) of an instant. */
export function parisNow(now: Date): { date: string; minutes: number; weekday: string } {
  const p = partsOf(now);
  return { date: `${p.year}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute), weekday: p.weekday ?? '' };
}

/** ISO day of the week: 1 Monday … 7 Sunday. */
export const isoWeekday = (day: string): number => ((noon(day).getUTCDay() + 6) % 7) + 1;

/** Monday of the week holding `day`. */
export const mondayOf = (day: string): string => addDays(day, 1 - isoWeekday(day));

function parisOffsetMinutes(at: Date): number {
  const p = partsOf(at);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - at.getTime()) / 60_000);
}

/** A Paris day and time → the ISO instant; a time skipped by the spring change lands an hour on. */
export function parisToIso(day: string, time: string): string {
  const guess = new Date(`${day}T${time}:00Z`);
  const first = new Date(guess.getTime() - parisOffsetMinutes(guess) * 60_000);
  return new Date(guess.getTime() - parisOffsetMinutes(first) * 60_000).toISOString();
}

/** A Paris day and time → the ISO instant, or null when malformed or when that Paris time does not exist. */
export function parisInstant(day: string, time: string): string | null {
  if (!isDate(day) || !TIME.test(time)) return null;
  for (const offset of ['+01:00', '+02:00']) {
    const at = new Date(`${day}T${time}:00${offset}`);
    if (parisDay(at) === day && parisTime(at) === time) return at.toISOString();
  }
  return null;
}

/** The instant a Paris day begins, or null for a day that does not exist. */
export const parisMidnight = (day: string): string | null => parisInstant(day, '00:00');

/** `2026-12-01T08:00` (a datetime-local input) read as Paris time → ISO UTC timestamp; null when malformed. */
export function parisLocalToIso(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) || !isDate(local.slice(0, 10)) || !TIME.test(local.slice(11))) return null;
  return parisToIso(local.slice(0, 10), local.slice(11));
}

/** ISO timestamp → `2026-12-01T08:00` in Paris time, for a datetime-local input. */
export function isoToParisLocal(iso: string | Date): string {
  const at = new Date(iso);
  return `${parisDay(at)}T${parisTime(at)}`;
}
