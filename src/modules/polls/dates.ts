// Paris days for the poll form: a poll opens at the start of its first day and closes at the end of its last.

const parisParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The instant a Paris day begins (00:00 Europe/Paris), whatever the server's zone; DST handled by Intl. */
export function parisDayStart(day: string): Date {
  for (const offset of [1, 2]) {
    const candidate = new Date(`${day}T00:00:00Z`);
    candidate.setUTCHours(-offset);
    const p = Object.fromEntries(parisParts.formatToParts(candidate).map((x) => [x.type, x.value]));
    if (`${p.year}-${p.month}-${p.day}` === day && p.hour === '00') return candidate;
  }
  return new Date(`${day}T00:00:00Z`);
}

/** The day after, `YYYY-MM-DD`. */
export function nextDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Today in Paris, `YYYY-MM-DD`. */
export function parisToday(now: Date): string {
  const p = Object.fromEntries(parisParts.formatToParts(now).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}
