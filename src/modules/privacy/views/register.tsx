import { t } from '../i18n/fr.js';
import type { RegisterEntry } from '../service/register.js';

const List = ({ items }: { items: string[] }) => (
  <ul>
    {items.map((item) => (
      <li>{item}</li>
    ))}
  </ul>
);

/** The processing register, one section per declared processing, printable as it is. */
export function RegisterPage({ entries }: { entries: RegisterEntry[] }) {
  return (
    <>
      <h1>{t('privacy.register.title')}</h1>
      <p>{t('privacy.register.intro')}</p>
      <p class="muted">{t('privacy.register.count', entries.length)}</p>
      {entries.map((e) => (
        <section class="card privacy-processing" aria-labelledby={`processing-${e.module}`}>
          <h2 id={`processing-${e.module}`}>{e.title}</h2>
          <dl>
            <dt>{t('privacy.register.purpose')}</dt>
            <dd>{e.processing.purpose}</dd>
            <dt>{t('privacy.register.dataKinds')}</dt>
            <dd>
              <List items={e.processing.dataKinds} />
            </dd>
            <dt>{t('privacy.register.people')}</dt>
            <dd>
              <List items={e.processing.people} />
            </dd>
            <dt>{t('privacy.register.retention')}</dt>
            <dd>{e.processing.retention}</dd>
            <dt>{t('privacy.register.recipients')}</dt>
            <dd>
              <List items={e.processing.recipients} />
            </dd>
          </dl>
        </section>
      ))}
    </>
  );
}
