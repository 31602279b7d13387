import { audit } from '../../../kernel/audit.js';
import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import type { FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import { isServiceUrl, patternMatches, patternProblem } from '../patterns.js';
import * as repo from '../repository.js';
import type { ServiceRow } from '../repository.js';
import { DEFAULT_ATTRIBUTES, isAttributeName, serviceAttributes, type AttributeName } from './attributes.js';
import type { CasDeps } from './deps.js';

export interface ServiceInput {
  name: string;
  urlPattern: string;
  /** Omitted: the default set (DEFAULT_ATTRIBUTES). */
  attributes?: string[];
  trusted?: boolean;
  proxy?: boolean;
}

export interface ServiceView {
  id: string;
  name: string;
  urlPattern: string;
  attributes: AttributeName[];
  trusted: boolean;
  proxy: boolean;
  createdAt: string;
}

export const serviceView = (row: ServiceRow): ServiceView => ({
  id: row.id,
  name: row.name,
  urlPattern: row.urlPattern,
  attributes: serviceAttributes(row),
  trusted: !!row.trusted,
  proxy: !!row.proxy,
  createdAt: row.createdAt,
});

export async function listServices(deps: CasDeps, actor: Actor): Promise<ServiceView[]> {
  authorize(actor, 'cas.service.list', {});
  return (await repo.listServices(deps.db)).map(serviceView);
}

export type Registered = { ok: true; service: ServiceView } | { ok: false; errors: FieldErrors };

/**
 * Registers a partner tool. `actor` is null from the command line (the server's administrator);
 * a person must be allowed by the policy. Nothing is stored when a field is wrong.
 */
export async function registerService(deps: CasDeps, actor: Actor | null, input: ServiceInput, ip: string | null = null): Promise<Registered> {
  if (actor) authorize(actor, 'cas.service.create', {});
  const errors: FieldErrors = {};
  const name = input.name.trim();
  const urlPattern = input.urlPattern.trim();
  if (!name || name.length > 120) errors.name = t('cas.error.name');
  const problem = patternProblem(urlPattern);
  if (problem) errors.urlPattern = t(`cas.error.pattern.${problem}`);
  else if (await repo.findServiceByPattern(deps.db, urlPattern)) errors.urlPattern = t('cas.error.pattern.taken');
  const attributes = input.attributes ?? DEFAULT_ATTRIBUTES;
  if (!attributes.every(isAttributeName)) errors.attributes = t('cas.error.attributes');
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const row: ServiceRow = {
    id: newId(),
    name,
    urlPattern,
    attributes: JSON.stringify([...new Set(attributes)]),
    trusted: input.trusted ? 1 : 0,
    proxy: input.proxy ? 1 : 0,
    createdAt: deps.clock.now().toISOString(),
    createdBy: actor?.personId ?? null,
  };
  await repo.insertService(deps.db, row);
  await audit(deps.db, {
    action: 'cas.service.registered',
    actorId: actor?.personId ?? null,
    ip,
    details: {
      serviceId: row.id,
      name,
      urlPattern,
      attributes: JSON.parse(row.attributes),
      trusted: !!row.trusted,
      proxy: !!row.proxy,
      via: actor ? 'web' : 'cli',
    },
  });
  return { ok: true, service: serviceView(row) };
}

/** The registered service a URL belongs to: the longest pattern that accepts it, or null. */
export async function serviceFor(deps: CasDeps, url: string): Promise<ServiceRow | null> {
  if (!isServiceUrl(url)) return null;
  const matching = (await repo.listServices(deps.db)).filter((s) => patternMatches(s.urlPattern, url));
  return matching.sort((a, b) => b.urlPattern.length - a.urlPattern.length)[0] ?? null;
}
