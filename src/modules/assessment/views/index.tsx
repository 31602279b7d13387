import { t } from '../i18n/fr.js';
import type { assessmentIndex } from '../service/reads.js';
import { day } from './common.js';

type Index = Awaited<ReturnType<typeof assessmentIndex>>;

export function IndexPage({ index, manages }: { index: Index; manages: boolean }) {
  const groupList = (groups: Index['taught']) => (
    <ul class="list-plain">
      {groups.map((g) => (
        <li>
          <a href={`/assessment/groups/${g.id}`}>{g.name}</a>
        </li>
      ))}
    </ul>
  );
  return (
    <>
      <div class="page-header">
        <h1>{t('assessment.title')}</h1>
        <p class="actions">
          {index.taught.length > 0 ? (
            <a class="button button--primary" href="/assessment/new">
              {t('assessment.index.new')}
            </a>
          ) : null}
          {manages ? (
            <>
              <a class="button" href="/assessment/settings">
                {t('assessment.index.settings')}
              </a>
              <a class="button" href="/assessment/held">
                {t('assessment.index.held')}
              </a>
            </>
          ) : null}
        </p>
      </div>
      {index.self ? (
        <p>
          <a href={`/assessment/pupils/${index.self}`}>{t('assessment.index.self')}</a>
        </p>
      ) : null}
      {index.children.length > 0 || (index.self === null && index.taught.length === 0 && !manages) ? (
        <section aria-labelledby="children-title">
          <h2 id="children-title">{t('assessment.index.children')}</h2>
          {index.children.length === 0 ? (
            <p>{t('assessment.index.noChild')}</p>
          ) : (
            <ul class="list-plain">
              {index.children.map((c) => (
                <li>
                  <a href={`/assessment/pupils/${c.id}`}>{c.name}</a>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {index.taught.length > 0 ? (
        <section aria-labelledby="taught-title">
          <h2 id="taught-title">{t('assessment.index.taught')}</h2>
          {groupList(index.taught)}
        </section>
      ) : null}
      {index.recent.length > 0 ? (
        <section aria-labelledby="recent-title">
          <h2 id="recent-title">{t('assessment.index.recent')}</h2>
          <ul class="list-plain">
            {index.recent.map((r) => (
              <li>
                <a href={`/assessment/assessments/${r.id}`}>{r.title}</a> — {r.groupName}, {r.subject}, {day(r.assessedOn)}
                {r.held ? <span class="badge badge--warn"> {t('assessment.state.unpublished')}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {index.managed.length > 0 ? (
        <section aria-labelledby="managed-title">
          <h2 id="managed-title">{t('assessment.index.managed')}</h2>
          {groupList(index.managed)}
        </section>
      ) : null}
    </>
  );
}
