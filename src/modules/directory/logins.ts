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
