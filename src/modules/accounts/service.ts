import { authorize, type Actor } from '../../kernel/authz/index.js';
import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/index.js';
import { audit } from '../../kernel/audit.js';
import { Limiter } from '../../kernel/auth/limiter.js';
import { hashPassword, verifyPassword } from '../../kernel/auth/password.js';
import { setSessionStructure } from '../../kernel/auth/sessions.js';
import { normalizeActivationCode, safeEqual, sha256 } from '../../kernel/auth/tokens.js';
import { Problems } from '../../kernel/http/errors.js';
import type { SessionInfo } from '../../kernel/http/types.js';
import { displayName } from '../directory/index.js';
import { t } from './i18n/fr.js';
import { passwordProblem, type PasswordOwner } from './password-policy.js';
import * as repo from './repository.js';
import type { AccountRow } from './repository.js';
import './policy.js';

/** What the accounts use cases need: the database and the application's time. */
export interface AccountsDeps {
  db: Db;
  clock: Clock;
}

const WINDOW_MS = 15 * 60_000;

/**
 * Failed attempts counted per login and per client address, in memory (see kernel/auth/limiter).
 * Once either is over its limit the password is not even checked, so the limit also caps the
 * hashing work an attacker can make the server do.
 */
export class Throttle {
  private readonly perLogin: Limiter;
  private readonly perIp: Limiter;

  // A whole school often shares one public address: the per-IP budget is generous, the per-login one is not.
  constructor(limits: { perLogin: number; perIp: number } = { perLogin: 10, perIp: 300 }) {
    this.perLogin = new Limiter(limits.perLogin, WINDOW_MS);
    this.perIp = new Limiter(limits.perIp, WINDOW_MS);
  }

  blocked(login: string, ip: string): boolean {
    return this.perLogin.blocked(login) || this.perIp.blocked(ip);
  }

  failed(login: string, ip: string): void {
    this.perLogin.hit(login);
    this.perIp.hit(ip);
  }

  /** A success clears the login's counter, not the address's: one good account must not unlock guessing others. */
  succeeded(login: string): void {
    this.perLogin.reset(login);
  }
}

/** Logins are stored lower case; people type them with stray capitals and spaces. */
export function normalizeLogin(input: string): string {
  return input.trim().toLowerCase();
}

/** What the typed login looks like in the audit log: enough to spot a pattern, bounded in size. */
const auditedLogin = (login: string) => login.slice(0, 100);

export interface SignedInPerson {
  id: string;
  profile: AccountRow['profile'];
  displayName: string;
  charterAccepted: boolean;
}

function signedIn(person: AccountRow): SignedInPerson {
  return { id: person.id, profile: person.profile, displayName: displayName(person), charterAccepted: !!person.charterAcceptedAt };
}

export type LoginResult = { ok: true; person: SignedInPerson } | { ok: false; reason: 'throttled' | 'invalid' | 'pending' };

/**
 * Checks a login and password. Unknown logins, wrong passwords and deactivated accounts look the
 * same from outside and cost the same time (verifyPassword hashes even without a stored hash).
 */
export async function logIn({ db }: AccountsDeps, throttle: Throttle, input: { login: string; password: string; ip: string }): Promise<LoginResult> {
  const login = normalizeLogin(input.login);
  if (throttle.blocked(login, input.ip)) {
    await audit(db, { action: 'login.throttled', ip: input.ip, details: { login: auditedLogin(login) } });
    return { ok: false, reason: 'throttled' };
  }
  const person = login ? await repo.findAccountByLogin(db, login) : undefined;
  const passwordOk = await verifyPassword(person?.passwordHash ?? null, input.password);
  if (person && passwordOk && person.status === 'active') {
    throttle.succeeded(login);
    await audit(db, { action: 'login.success', actorId: person.id, subjectId: person.id, ip: input.ip });
    return { ok: true, person: signedIn(person) };
  }
  throttle.failed(login, input.ip);
  const pending = !!person && person.status === 'active' && !person.passwordHash && !!person.activationCode;
  const reason = !person ? 'unknown' : person.status !== 'active' ? 'deactivated' : pending ? 'pending' : 'password';
  await audit(db, { action: 'login.failure', subjectId: person?.id ?? null, ip: input.ip, details: { login: auditedLogin(login), reason } });
  // Logins are predictable (prenom.nom) and printed on the activation letter, so pointing a
  // pending account to the activation page reveals little and saves a call to the school.
  return { ok: false, reason: pending ? 'pending' : 'invalid' };
}

export type CodeCheck = { ok: true; person: AccountRow & { activationCode: string } } | { ok: false; reason: 'throttled' | 'invalid' };

// Compared when the login has no code, so both paths do the same work.
const NO_CODE = sha256('no activation code');

/** Checks a login and its activation code: case, spaces and dashes ignored, compared in constant time. */
export async function checkActivationCode({ db }: AccountsDeps, throttle: Throttle, input: { login: string; code: string; ip: string }): Promise<CodeCheck> {
  const login = normalizeLogin(input.login);
  if (throttle.blocked(login, input.ip)) {
    await audit(db, { action: 'activation.throttled', ip: input.ip, details: { login: auditedLogin(login) } });
    return { ok: false, reason: 'throttled' };
  }
  const person = login ? await repo.findAccountByLogin(db, login) : undefined;
  const stored = person?.status === 'active' && person.activationCode ? sha256(normalizeActivationCode(person.activationCode)) : NO_CODE;
  const matches = safeEqual(sha256(normalizeActivationCode(input.code)), stored) && stored !== NO_CODE;
  if (person && matches && person.activationCode) {
    throttle.succeeded(login);
    return { ok: true, person: { ...person, activationCode: person.activationCode } };
  }
  throttle.failed(login, input.ip);
  await audit(db, { action: 'activation.failure', subjectId: person?.id ?? null, ip: input.ip, details: { login: auditedLogin(login) } });
  return { ok: false, reason: 'invalid' };
}

/** Whose names and login a new password must stay clear of. */
export function passwordOwner(person: Pick<AccountRow, 'login' | 'firstName' | 'lastName' | 'usageName'>): PasswordOwner {
  return { login: person.login, firstName: person.firstName, lastName: person.lastName, usageName: person.usageName };
}

/** Adds the new-password problems (policy, then confirmation) to a collector. */
export function checkNewPassword(problems: Problems, password: string, confirm: string | undefined, who: PasswordOwner): Problems {
  if (!password) return problems.add('password', t('accounts.password.required'));
  const problem = passwordProblem(password, who);
  if (problem) problems.add('password', t(`accounts.password.${problem}`));
  else if (confirm !== undefined && confirm !== password) problems.add('confirm', t('accounts.password.mismatch'));
  return problems;
}

/**
 * Sets the first password of an account whose code was checked, and consumes the code. With
 * `charterAccepted`, the charter is recorded in the same write (the JSON API does it in one call).
 * Throws InvalidInput for a password the policy refuses; answers null when the code changed meanwhile.
 */
export async function activate(
  { db, clock }: AccountsDeps,
  person: AccountRow & { activationCode: string },
  input: { password: string; confirm?: string; charterAccepted: boolean; ip: string },
): Promise<SignedInPerson | null> {
  checkNewPassword(new Problems(), input.password, input.confirm, passwordOwner(person)).throwIfAny('account.weak_password');
  const hash = await hashPassword(input.password);
  const now = clock.now().toISOString();
  const done = await repo.completeActivation(db, person.id, person.activationCode, hash, input.charterAccepted, now);
  if (!done) return null;
  await audit(db, { action: 'account.activate', actorId: person.id, subjectId: person.id, ip: input.ip, details: { charterAccepted: input.charterAccepted } });
  if (input.charterAccepted) await audit(db, { action: 'account.charter_accept', actorId: person.id, subjectId: person.id, ip: input.ip });
  const charterAcceptedAt = input.charterAccepted ? now : person.charterAcceptedAt;
  return signedIn({ ...person, charterAcceptedAt });
}

export type OneCallActivation = { ok: true; person: SignedInPerson } | { ok: false; reason: 'throttled' | 'invalid' };

/**
 * Activation in one call (the JSON API): code, first password and charter together. Only once the
 * code is proven does the caller learn anything about the password rules for this person; throws
 * InvalidInput for a refused password or a charter not accepted, and changes nothing then.
 */
export async function activateAtOnce(
  deps: AccountsDeps,
  throttle: Throttle,
  input: { login: string; code: string; password: string; acceptCharter?: boolean; ip: string },
): Promise<OneCallActivation> {
  const checked = await checkActivationCode(deps, throttle, input);
  if (!checked.ok) return checked;
  const problems = checkNewPassword(new Problems(), input.password, undefined, passwordOwner(checked.person));
  problems.check(input.acceptCharter === true, 'acceptCharter', t('accounts.charter.required_api'));
  problems.throwIfAny('account.activation_invalid');
  const person = await activate(deps, checked.person, { password: input.password, charterAccepted: true, ip: input.ip });
  return person ? { ok: true, person } : { ok: false, reason: 'invalid' };
}

/** The audit trail of a sign-out (the session itself is ended by the kernel). */
export async function recordLogout({ db }: AccountsDeps, actor: Actor, input: { ip: string }): Promise<void> {
  await audit(db, { action: 'logout', actorId: actor.personId, subjectId: actor.personId, ip: input.ip });
}

/** Records that the signed-in person accepted the usage charter (once: a second acceptance changes nothing). */
export async function acceptCharter({ db, clock }: AccountsDeps, actor: Actor, input: { ip: string }): Promise<void> {
  const found = await repo.findAccount(db, actor.personId);
  const account = found ? { personId: found.id } : null;
  authorize(actor, 'accounts.charter.accept', account);
  if (await repo.markCharterAccepted(db, account.personId, clock.now().toISOString())) {
    await audit(db, { action: 'account.charter_accept', actorId: actor.personId, subjectId: account.personId, ip: input.ip });
  }
}

/** When the signed-in person accepted the charter, for the charter page. */
export async function charterAcceptedAt({ db }: AccountsDeps, actor: Actor): Promise<string | null> {
  return repo.charterAcceptedAt(db, actor.personId);
}

/**
 * Makes the session work in another structure, once the policy allows it (404 for a structure the
 * person does not belong to, or that does not exist). Answers the structure.
 */
export async function switchStructure(
  { db }: AccountsDeps,
  actor: Actor,
  session: SessionInfo | null,
  structureId: string,
): Promise<{ id: string; name: string }> {
  const structure = actor.structures.find((s) => s.id === structureId) ?? (await repo.findStructure(db, structureId));
  authorize(actor, 'accounts.structure.switch', structure);
  if (session) await setSessionStructure(db, session.id, structure.id);
  return structure;
}

/**
 * The activation flow between "code checked" and "password chosen" is carried by a short-lived
 * ticket naming the person and a digest of the code it was checked against; the route signs it
 * into an HttpOnly cookie. A new code issued meanwhile, or a used one, makes the ticket worthless.
 */
export const TICKET_MINUTES = 15;

export function activationTicket(person: { id: string; activationCode: string }, now: Date): string {
  const expires = now.getTime() + TICKET_MINUTES * 60_000;
  return `${person.id}~${expires}~${sha256(normalizeActivationCode(person.activationCode))}`;
}

export async function redeemTicket({ db, clock }: AccountsDeps, ticket: string): Promise<(AccountRow & { activationCode: string }) | null> {
  const [personId, expires, codeDigest] = ticket.split('~');
  if (!personId || !expires || !codeDigest || !(Number(expires) > clock.now().getTime())) return null;
  const person = await repo.findAccount(db, personId);
  if (!person || person.status !== 'active' || !person.activationCode) return null;
  if (!safeEqual(sha256(normalizeActivationCode(person.activationCode)), codeDigest)) return null;
  return { ...person, activationCode: person.activationCode };
}
