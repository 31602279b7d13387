/** Calendar arithmetic on Paris dates (`YYYY-MM-DD`) and times (`HH:MM`), whatever the machine's zone. */
const parisDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
const parisTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hourCycle: 'h23', hour: '2-digit', minute: '2-digit' });
const parisParts = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Paris',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A real calendar date written `YYYY-MM-DD`. */
export function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export const todayInParis = (now: Date): string => parisDate.format(now);
export const timeInParis = (now: Date): string => parisTime.format(now);

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ISO day of week: 1 Monday … 7 Sunday. */
export const dayOfWeek = (date: string): number => ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** Monday of the week holding `date`. */
export const mondayOf = (date: string): string => addDays(date, 1 - dayOfWeek(date));

/** ISO 8601 week number of a date. */
export function isoWeek(date: string): number {
  const thursday = new Date(`${addDays(date, 4 - dayOfWeek(date))}T12:00:00Z`);
  const jan1 = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 1, 12));
  return Math.floor((thursday.getTime() - jan1.getTime()) / 86_400_000 / 7) + 1;
}

/** First and last days of a school year `2026-2027`: 1 September to 31 August. */
export function schoolYearBounds(year: string): { from: string; to: string } {
  const start = Number(year.slice(0, 4));
  return { from: `${start}-09-01`, to: `${start + 1}-08-31` };
}

export const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

function parisOffsetMinutes(at: Date): number {
  const p = Object.fromEntries(parisParts.formatToParts(at).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - at.getTime()) / 60_000);
}

/** A Paris date and time → the ISO instant. */
export function parisToIso(date: string, time: string): string {
  const guess = new Date(`${date}T${time}:00Z`);
  const first = new Date(guess.getTime() - parisOffsetMinutes(guess) * 60_000);
  return new Date(guess.getTime() - parisOffsetMinutes(first) * 60_000).toISOString();
}

/** An instant → its Paris date and time. */
export function isoToParis(at: Date): { date: string; time: string } {
  return { date: todayInParis(at), time: timeInParis(at) };
}
