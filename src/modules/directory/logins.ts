import type { Db } from '../../kernel/db/index.js';
import { slugForLogin } from '../../kernel/text.js';

export function loginBase(firstName: string, lastName: string): string {
  const first = slugForLogin(firstName.split(/[\s-]+/)[0] ?? firstName) || 'utilisateur';
  const last = slugForLogin(lastName) || 'x';
  return `${first}.${last}`.slice(0, 60);
}

/** Logins starting with `base` (a range scan, so the unique index serves it on both engines). */
export async function loginsWithPrefix(db: Db, base: string): Promise<Set<string>> {
  const rows = await db.selectFrom('people').select('login').where('login', '>=', base).where('login', '<', `${base}\uffff`).execute();
  return new Set(rows.map((r) => r.login));
}

/** `prenom.nom`, then `prenom.nom2`, `prenom.nom3`… */
export function firstFreeLogin(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

export async function allocateLogin(db: Db, firstName: string, lastName: string, reserved?: Set<string>): Promise<string> {
  const base = loginBase(firstName, lastName);
  const taken = await loginsWithPrefix(db, base);
  for (const login of reserved ?? []) taken.add(login);
  const login = firstFreeLogin(base, taken);
  reserved?.add(login);
  return login;
}

/**
 * One login per base, in order, for a whole import at once: the taken candidates are read in
 * batches (a few queries, whatever the number of homonyms), then each base takes the next free one.
 */
export async function allocateLogins(db: Db, bases: string[]): Promise<string[]> {
  const need = new Map<string, number>();
  for (const base of bases) need.set(base, (need.get(base) ?? 0) + 1);
  const taken = new Set<string>();
  const checked = new Map<string, number>();
  const candidate = (base: string, k: number) => (k === 1 ? base : `${base}${k}`);
  let pending = [...need.keys()];
  for (let round = 0; pending.length > 0; round++) {
    const batch: string[] = [];
    for (const base of pending) {
      const from = (checked.get(base) ?? 0) + 1;
      const to = from + need.get(base)! + 2 * 4 ** round;
      for (let k = from; k <= to; k++) batch.push(candidate(base, k));
      checked.set(base, to);
    }
    for (let i = 0; i < batch.length; i += 1000) {
      const part = batch.slice(i, i + 1000);
      for (const row of await db.selectFrom('people').select('login').where('login', 'in', part).execute()) taken.add(row.login);
    }
    pending = pending.filter((base) => {
      let free = 0;
      for (let k = 1; k <= checked.get(base)!; k++) if (!taken.has(candidate(base, k))) free++;
      return free < need.get(base)!;
    });
  }
  const cursor = new Map<string, number>();
  return bases.map((base) => {
    let k = cursor.get(base) ?? 1;
    while (taken.has(candidate(base, k))) k++;
    const login = candidate(base, k);
    taken.add(login);
    cursor.set(base, k + 1);
    return login;
  });
}
