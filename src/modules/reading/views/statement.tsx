import type { Config } from '../../../kernel/config/index.js';
import { ts } from '../i18n/statement.js';

const FORM_URL = 'https://formulaire.defenseurdesdroits.fr/';
const DELEGATES_URL = 'https://www.defenseurdesdroits.fr/saisir/delegues';

/** The accessibility statement, public and linked from every page's footer. */
export function StatementPage({ contact }: { contact: Config['accessibilityContact'] }) {
  return (
    <article class="card statement">
      <h1>{ts('statement.title')}</h1>
      <p>{ts('statement.commitment')}</p>
      <p>{ts('statement.scope')}</p>
      <h2>{ts('statement.status.title')}</h2>
      <p>{ts('statement.status')}</p>
      <h3>{ts('statement.results.title')}</h3>
      <p>{ts('statement.results.intro')}</p>
      <ul>
        <li>{ts('statement.results.axe')}</li>
        <li>{ts('statement.results.keyboard')}</li>
        <li>{ts('statement.results.small')}</li>
        <li>{ts('statement.results.nojs')}</li>
        <li>{ts('statement.results.languages')}</li>
      </ul>
      <h2>{ts('statement.issues.title')}</h2>
      <h3>{ts('statement.issues.known')}</h3>
      <ul>
        <li>{ts('statement.issues.audit')}</li>
        <li>{ts('statement.issues.pdf')}</li>
        <li>{ts('statement.issues.readAloud')}</li>
        <li>{ts('statement.issues.ruler')}</li>
      </ul>
      <h3>{ts('statement.issues.derogations')}</h3>
      <ul>
        <li>{ts('statement.issues.userContent')}</li>
        <li>{ts('statement.issues.thirdParty')}</li>
      </ul>
      <h2>{ts('statement.made.title')}</h2>
      <p>{ts('statement.made.date')}</p>
      <p>{ts('statement.made.tech')}</p>
      <p>{ts('statement.made.tools')}</p>
      <h2>{ts('statement.contact.title')}</h2>
      <p>{ts('statement.contact')}</p>
      {contact && (
        <p>
          {ts('statement.contact.direct')} <a href={contact.kind === 'email' ? `mailto:${contact.value}` : contact.value}>{contact.value}</a>
        </p>
      )}
      <h2>{ts('statement.appeal.title')}</h2>
      <p>{ts('statement.appeal.when')}</p>
      <ul>
        <li>
          {ts('statement.appeal.form')} <a href={FORM_URL}>{FORM_URL}</a>
        </li>
        <li>
          {ts('statement.appeal.delegate')} <a href={DELEGATES_URL}>{DELEGATES_URL}</a>
        </li>
        <li>{ts('statement.appeal.mail')}</li>
      </ul>
    </article>
  );
}
