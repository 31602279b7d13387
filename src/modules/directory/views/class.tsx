import { TableWrap } from '../../../kernel/views/table.js';
import { formatDate } from '../../../kernel/i18n/index.js';
import { t } from '../i18n/fr.js';
import type { ClassDetail } from '../service.js';

function AccountBadge({ account }: { account: { activated: boolean } | null }) {
  if (!account) return null;
  return account.activated ? (
    <span class="badge badge--ok">{t('directory.people.activated')}</span>
  ) : (
    <span class="badge badge--warn">{t('directory.people.pending')}</span>
  );
}

export function ClassPage({ detail }: { detail: ClassDetail }) {
  return (
    <>
      <div class="page-header">
        <h1>{`${detail.name} — ${detail.structure.name}`}</h1>
        {detail.manager && (
          <p class="actions">
            <a class="button button--primary" href={`/directory/classes/${detail.id}/codes`}>
              {t('directory.class.codes')}
            </a>
            <a class="button" href={`/directory/classes/${detail.id}/codes.csv`} download>
              {t('directory.class.codesCsv')}
            </a>
          </p>
        )}
      </div>
      <p class="muted">
        {`${t('directory.class.year')} ${detail.schoolYear}`}
        {detail.level && ` · ${t('directory.class.level')} ${detail.level}`}
        {` · ${t('directory.class.students', detail.students.length)}`}
      </p>
      <section aria-labelledby="teachers-title">
        <h2 id="teachers-title">{t('directory.class.teachers')}</h2>
        <ul class="list-plain">
          {detail.teachers.map((p) => (
            <li>
              <a href={`/directory/people/${p.id}`}>{p.displayName}</a>
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2 id="pupils-title">{detail.families ? t('directory.class.pupils') : t('directory.class.students', detail.students.length)}</h2>
        <TableWrap labelledBy="pupils-title">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('directory.col.student')}</th>
                {detail.families && <th scope="col">{t('directory.field.birthDate')}</th>}
                {detail.families && <th scope="col">{t('directory.class.relatives')}</th>}
              </tr>
            </thead>
            <tbody>
              {detail.students.map((s) => (
                <tr>
                  <td>
                    <a href={`/directory/people/${s.id}`}>{`${s.lastName} ${s.firstName}`}</a> <AccountBadge account={s.account} />
                  </td>
                  {detail.families && <td>{s.birthDate ? formatDate(s.birthDate) : '—'}</td>}
                  {detail.families && (
                    <td>
                      {s.relatives.length === 0 ? (
                        '—'
                      ) : (
                        <ul class="list-plain">
                          {s.relatives.map((r) => (
                            <li>
                              <a href={`/directory/people/${r.id}`}>{r.displayName}</a> <AccountBadge account={r.account} />
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
    </>
  );
}
