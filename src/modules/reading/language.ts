/**
 * The language of a person's interface: stored with their reading settings but apart from them,
 * so going back to the class's reading defaults keeps the language (decision 0039).
 */
import { authorize, type Actor } from '../../kernel/authz/index.js';
import { InvalidInput } from '../../kernel/http/errors.js';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../kernel/i18n/index.js';
import { t } from './i18n/language.js';
import * as repo from './repository.js';
import type { Deps } from './service.js';

/** The person's language; French when they never chose (or a stored value is no longer offered). */
export async function languageOf(deps: Pick<Deps, 'db'>, personId: string): Promise<Locale> {
  const stored = await repo.language(deps.db, personId);
  return isLocale(stored) ? stored : DEFAULT_LOCALE;
}

export async function saveLanguage(deps: Deps, actor: Actor, input: { locale?: unknown }): Promise<Locale> {
  authorize(actor, 'reading.settings.edit', { personId: actor.personId });
  if (!isLocale(input.locale)) throw new InvalidInput([{ field: 'locale', message: t('reading.language.error') }]);
  await repo.saveLanguage(deps.db, actor.personId, input.locale, deps.clock.now().toISOString());
  return input.locale;
}
