import { audit } from '../../kernel/audit.js';
import { hashPassword } from '../../kernel/auth/password.js';
import { randomToken, safeEqual, sha256 } from '../../kernel/auth/tokens.js';
import { authorize, type Actor } from '../../kernel/authz/index.js';
import { actorOrVisitor } from '../../kernel/authz/visitor.js';
import type { Db } from '../../kernel/db/index.js';
import { newId } from '../../kernel/db/index.js';
import { Problems } from '../../kernel/http/errors.js';
import { searchKeyOf } from '../directory/index.js';
import { t } from './i18n/fr.js';
import type { SetupFacts } from './policy.js';
import * as repo from './repository.js';
import { checkNewPassword, type AccountsDeps } from './service.js';

/** First run: the instance administrator is created with a one-time token printed by `preau serve`. */
const TOKEN_KEY = 'setup_token_hash';
export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{2,59}$/;

/**
 * While no instance administrator exists, makes a fresh setup token (replacing any earlier one),
 * keeps only its digest and answers the token itself; answers null once an administrator exists.
 */
export async function ensureSetupToken(db: Db): Promise<string | null> {
  if (await repo.adminExists(db)) {
    await repo.deleteSetting(db, TOKEN_KEY);
    return null;
  }
  const token = randomToken(24);
  await repo.writeSetting(db, TOKEN_KEY, sha256(token));
  return token;
}

async function setupFacts(db: Db): Promise<SetupFacts> {
  return { open: !(await repo.adminExists(db)) };
}

/** The setup page, for whoever asks (`actor` null: nobody signed in) while setup is open; 404 once done. */
export async function openSetup({ db }: AccountsDeps, actor: Actor | null): Promise<void> {
  authorize(actorOrVisitor(actor), 'accounts.setup.run', await setupFacts(db));
}

export interface SetupInput {
  token: string;
  firstName: string;
  lastName: string;
  login: string;
  password: string;
  confirm?: string;
  ip: string;
}

const clean = (value: string) => value.trim().replace(/\s+/g, ' ');

/**
 * Creates the instance administrator: profile `personnel`, activated, charter accepted, no
 * structure. The token is consumed in the same transaction, so two concurrent attempts cannot
 * both succeed. 404 once an administrator exists, InvalidInput for bad fields.
 */
export async function createInstanceAdmin(deps: AccountsDeps, actor: Actor | null, input: SetupInput) {
  const { db, clock } = deps;
  const asking = actorOrVisitor(actor);
  authorize(asking, 'accounts.setup.run', await setupFacts(db));
  const firstName = clean(input.firstName);
  const lastName = clean(input.lastName);
  const login = input.login.trim().toLowerCase();
  const stored = await repo.readSetting(db, TOKEN_KEY);
  const tokenOk = !!input.token && !!stored && safeEqual(sha256(input.token.trim()), stored);
  const problems = new Problems();
  if (!input.token.trim()) problems.add('token', t('accounts.setup.tokenRequired'));
  else problems.check(tokenOk, 'token', t('accounts.setup.badToken'));
  problems.check(!!firstName, 'firstName', t('accounts.setup.firstNameRequired'));
  problems.check(!!lastName, 'lastName', t('accounts.setup.lastNameRequired'));
  if (!LOGIN_PATTERN.test(login)) problems.add('login', t('accounts.setup.loginInvalid'));
  else if (await repo.loginTaken(db, login)) problems.add('login', t('accounts.setup.loginTaken'));
  checkNewPassword(problems, input.password, input.confirm, { login, firstName, lastName });
  problems.throwIfAny('setup.invalid');

  const now = clock.now().toISOString();
  const names = { firstName, lastName, usageName: null };
  const person = {
    id: newId(),
    profile: 'personnel' as const,
    civility: null,
    ...names,
    birthDate: null,
    sex: null,
    email: null,
    phone: null,
    address: null,
    login,
    passwordHash: await hashPassword(input.password),
    activationCode: null,
    activatedAt: now,
    charterAcceptedAt: now,
    photoConsent: null,
    isSuperAdmin: 1,
    status: 'active' as const,
    searchKey: searchKeyOf(names),
    createdAt: now,
    updatedAt: now,
    deactivatedAt: null,
  };
  // `tokenOk` above means `stored` is the digest; a concurrent attempt that got there first closes the setup.
  const created = tokenOk && stored ? await repo.createAdminOnce(db, TOKEN_KEY, stored, person) : false;
  authorize(asking, 'accounts.setup.run', { open: created });
  await audit(db, { action: 'setup.admin_created', actorId: person.id, subjectId: person.id, ip: input.ip, details: { login } });
  return person;
}
