import { authorize, type Actor } from '../../kernel/authz/index.js';
import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/index.js';
import { audit } from '../../kernel/audit.js';
import { knownDevice, rememberDevice } from '../../kernel/auth/devices.js';
import type { Throttle, Verdict } from '../../kernel/auth/throttle.js';
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

export type Throttled = { ok: false; reason: 'throttled'; retryAfterSeconds: number };

export type LoginResult = { ok: true; person: SignedInPerson; device: string } | Throttled | { ok: false; reason: 'invalid' };

async function refused(
  db: Db,
  action: string,
  verdict: Verdict & { ok: false },
  input: { login: string; ip: string; subjectId?: string | null },
): Promise<Throttled> {
  await audit(db, {
    action,
    subjectId: input.subjectId ?? null,
    ip: input.ip,
    details: { login: auditedLogin(input.login), rule: verdict.rule, retryAfterSeconds: verdict.retryAfterSeconds },
  });
  return { ok: false, reason: 'throttled', retryAfterSeconds: verdict.retryAfterSeconds };
}

/**
 * Checks a login and password. Unknown logins, wrong passwords, pending and deactivated accounts
 * look the same from outside and cost the same time (verifyPassword hashes even without a stored
 * hash). `device` is the browser's device cookie (already unsigned): from a browser where the
 * person signed in before, only that browser's own failures slow them down. On success the
 * answer carries the cookie's new value.
 */
export async function logIn(
  { db, clock }: AccountsDeps,
  throttle: Throttle,
  input: { login: string; password: string; ip: string; device?: string | null },
): Promise<LoginResult> {
  const login = normalizeLogin(input.login);
  const person = login ? await repo.findAccountByLogin(db, login) : undefined;
  const device = person?.status === 'active' ? knownDevice(input.device, person, clock.now()) : null;
  const attempt = { login, ip: input.ip, device };
  const verdict = await throttle.check(attempt, clock.now());
  if (!verdict.ok) return refused(db, 'login.throttled', verdict, { login, ip: input.ip, subjectId: person?.id });
  const passwordOk = await verifyPassword(person?.passwordHash ?? null, input.password);
  if (person?.passwordHash && passwordOk && person.status === 'active') {
    await throttle.succeeded(attempt);
    await audit(db, { action: 'login.success', actorId: person.id, subjectId: person.id, ip: input.ip, details: { knownDevice: !!device } });
    return { ok: true, person: signedIn(person), device: rememberDevice(input.device, { id: person.id, passwordHash: person.passwordHash }, clock.now()) };
  }
  await throttle.failed(attempt, clock.now());
  const pending = !!person && person.status === 'active' && !person.passwordHash && !!person.activationCode;
  const reason = !person ? 'unknown' : person.status !== 'active' ? 'deactivated' : pending ? 'pending' : 'password';
  await audit(db, {
    action: 'login.failure',
    subjectId: person?.id ?? null,
    ip: input.ip,
    details: { login: auditedLogin(login), reason, knownDevice: !!device },
  });
  // The same answer for every failure: the page points first logins to the activation page.
  return { ok: false, reason: 'invalid' };
}

export type CodeCheck = { ok: true; person: AccountRow & { activationCode: string } } | Throttled | { ok: false; reason: 'invalid' };

// Compared when the login has no code, so both paths do the same work.
const NO_CODE = sha256('no activation code');

/** Checks a login and its activation code: case, spaces and dashes ignored, compared in constant time. */
export async function checkActivationCode(
  { db, clock }: AccountsDeps,
  throttle: Throttle,
  input: { login: string; code: string; ip: string },
): Promise<CodeCheck> {
  const login = normalizeLogin(input.login);
  const attempt = { login, ip: input.ip, device: null };
  const verdict = await throttle.check(attempt, clock.now());
  if (!verdict.ok) return refused(db, 'activation.throttled', verdict, { login, ip: input.ip });
  const person = login ? await repo.findAccountByLogin(db, login) : undefined;
  const stored = person?.status === 'active' && person.activationCode ? sha256(normalizeActivationCode(person.activationCode)) : NO_CODE;
  const matches = safeEqual(sha256(normalizeActivationCode(input.code)), stored) && stored !== NO_CODE;
  if (person && matches && person.activationCode) {
    await throttle.succeeded(attempt);
    return { ok: true, person: { ...person, activationCode: person.activationCode } };
  }
  await throttle.failed(attempt, clock.now());
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

export type OneCallActivation = { ok: true; person: SignedInPerson } | Throttled | { ok: false; reason: 'invalid' };

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
