// Days and times typed in forms are Paris ones; instants are stored in UTC.
const parisParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const partsOf = (at: Date) => Object.fromEntries(parisParts.formatToParts(at).map((x) => [x.type, x.value]));

/** `2027-03-15` + `18:30` in Paris → ISO instant, or null when that Paris time does not exist. */
export function parisInstant(day: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  for (const offset of ['+01:00', '+02:00']) {
    const at = new Date(`${day}T${time}:00${offset}`);
    if (Number.isNaN(at.getTime())) return null;
    const p = partsOf(at);
    if (`${p.year}-${p.month}-${p.day}` === day && `${p.hour}:${p.minute}` === time) return at.toISOString();
  }
  return null;
}

/** The Paris day of an instant. */
export function parisDay(at: string | Date): string {
  const p = partsOf(new Date(at));
  return `${p.year}-${p.month}-${p.day}`;
}

/** The Paris time of an instant, `18:30`. */
export function parisTime(at: string | Date): string {
  const p = partsOf(new Date(at));
  return `${p.hour}:${p.minute}`;
}

export const isRealDay = (day: string) => /^\d{4}-\d{2}-\d{2}$/.test(day) && new Date(`${day}T12:00:00Z`).toISOString().slice(0, 10) === day;

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** `2027-03` → its first and last days. */
export function monthBounds(month: string): { first: string; last: string } {
  const first = `${month}-01`;
  const d = new Date(`${first}T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1, 0);
  return { first, last: d.toISOString().slice(0, 10) };
}

export function shiftMonth(month: string, n: number): string {
  const d = new Date(`${month}-15T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 7);
}

/** 0 for Monday … 6 for Sunday. */
export const weekdayOf = (day: string) => (new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7;
