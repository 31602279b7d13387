// Quiet hours in Europe/Paris time, whatever the server's time zone (DST handled by Intl): when
// notices of any module wait. A school sets its own in the messaging settings.

export interface QuietHours {
  /** `HH:MM`; a start after the end spans midnight. */
  quietStart: string;
  quietEnd: string;
  quietWeekends: number;
}

/** What a school has until it sets its own (the messaging settings' defaults). */
export const DEFAULT_QUIET_HOURS: QuietHours = { quietStart: '20:00', quietEnd: '07:00', quietWeekends: 1 };

const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

function parisClock(date: Date): { weekday: string; minutes: number } {
  const p = Object.fromEntries(parts.formatToParts(date).map((x) => [x.type, x.value]));
  return { weekday: p.weekday ?? '', minutes: Number(p.hour) * 60 + Number(p.minute) };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A time of day as the settings forms take it. */
export const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Whether notices wait at this instant: inside the daily window or on a weekend. */
export function isQuietAt(hours: QuietHours, date: Date): boolean {
  const { weekday, minutes } = parisClock(date);
  if (hours.quietWeekends && (weekday === 'Sat' || weekday === 'Sun')) return true;
  const start = toMinutes(hours.quietStart);
  const end = toMinutes(hours.quietEnd);
  if (start === end) return false;
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

const STEP = 5 * 60_000;

/** The first instant (to 5 minutes) from `date` on that is outside quiet hours. */
export function firstSendableAt(hours: QuietHours, date: Date): Date {
  let at = new Date(date);
  // At most a weekend plus a night: 4 days of 5-minute steps.
  for (let i = 0; i < 4 * 288 && isQuietAt(hours, at); i++) at = new Date(Math.ceil((at.getTime() + 1) / STEP) * STEP);
  return at;
}

/** When a daily digest goes: the next 17:00 Paris time, pushed past quiet hours. */
export function nextDigest(hours: QuietHours, date: Date): Date {
  let at = new Date(Math.ceil(date.getTime() / STEP) * STEP);
  for (let i = 0; i < 288 && parisClock(at).minutes !== 17 * 60; i++) at = new Date(at.getTime() + STEP);
  return firstSendableAt(hours, at);
}
