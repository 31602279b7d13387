import { CsrfField } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';

export interface ConsentProps {
  uid: string;
  client: string;
  person: string;
  claims: string[];
  csrf: string;
}

/** What the partner will receive, in words, with "allow" and "refuse". */
export function ConsentPage({ uid, client, person, claims, csrf }: ConsentProps) {
  return (
    <>
      <h1>{t('federation.consent.title', client)}</h1>
      <p>{t('federation.consent.signedInAs', person)}</p>
      <p id="claims-intro">{t('federation.consent.intro', client)}</p>
      <ul aria-labelledby="claims-intro">
        {claims.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <div class="actions">
        <form method="post" action={`/oidc/interaction/${uid}/confirm`}>
          <CsrfField token={csrf} />
          <button type="submit" class="button">
            {t('federation.consent.accept')}
          </button>
        </form>
        <form method="post" action={`/oidc/interaction/${uid}/abort`}>
          <CsrfField token={csrf} />
          <button type="submit" class="button button--quiet">
            {t('federation.consent.refuse')}
          </button>
        </form>
      </div>
    </>
  );
}
