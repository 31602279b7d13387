import { formatDate, isolate } from '../../../kernel/i18n/index.js';
import { TableWrap } from '../../../kernel/views/table.js';
import { ts } from '../i18n/staff.js';
import type { listRequests } from '../service/requests.js';
import { STATUSES } from '../service/requests.js';
import { kindLabel, statusLabel, StatusBadge } from './common.js';

type Requests = Awaited<ReturnType<typeof listRequests>>;
const KINDS = ['enrolment', 'exemption', 'attestation', 'works', 'incident', 'canteen', 'other'];

export interface QueueFilter {
  kind: string;
  status: string;
  origin: string;
}

function Choice({ name, label, value, options }: { name: string; label: string; value: string; options: [string, string][] }) {
  return (
    <div class="field">
      <label for={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name}>
        <option value="">{ts('requests.agent.all')}</option>
        {options.map(([v, l]) => (
          <option value={v} selected={v === value}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The municipality's queue: filters by kind, status and origin (a GET form), then the requests. */
export function AgentQueue({ requests, filter, page, more }: { requests: Requests; filter: QueueFilter; page: number; more: boolean }) {
  const href = (n: number) =>
    `/demarches/gestion?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v)), page: String(n) })}`;
  return (
    <>
      <div class="page-header">
        <h1>{ts('requests.agent.title')}</h1>
        <p class="actions">
          <a class="button" href="/mairie">
            {ts('requests.agent.notes')}
          </a>
        </p>
      </div>
      <p>{ts('requests.agent.intro')}</p>
      <form method="get" action="/demarches/gestion" class="search-form">
        <Choice name="kind" label={ts('requests.agent.kind')} value={filter.kind} options={KINDS.map((k) => [k, kindLabel(k)])} />
        <Choice name="status" label={ts('requests.agent.status')} value={filter.status} options={STATUSES.map((s) => [s, statusLabel(s)])} />
        <Choice
          name="origin"
          label={ts('requests.agent.origin')}
          value={filter.origin}
          options={[
            ['family', ts('requests.origin.family')],
            ['school', ts('requests.origin.school')],
          ]}
        />
        <button type="submit" class="button">
          {ts('requests.agent.filter')}
        </button>
      </form>
      <p class="muted" id="queue-count">
        {ts('requests.agent.count', requests.length)}
      </p>
      {requests.length === 0 ? (
        <p class="muted">{ts('requests.agent.none')}</p>
      ) : (
        <TableWrap labelledBy="queue-count">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{ts('requests.agent.col.request')}</th>
                <th scope="col">{ts('requests.agent.col.from')}</th>
                <th scope="col">{ts('requests.agent.col.school')}</th>
                <th scope="col">{ts('requests.agent.col.status')}</th>
                <th scope="col">{ts('requests.agent.col.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr>
                  <td>
                    <a href={`/demarches/${r.id}`}>{r.origin === 'school' ? `${kindLabel(r.kind)} : ${r.title}` : kindLabel(r.kind)}</a>
                  </td>
                  <td>{r.child ? `${r.requester} (${isolate(r.child)})` : r.requester}</td>
                  <td>{r.school}</td>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                  <td>{formatDate(r.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {(page > 1 || more) && (
        <nav class="pagination" aria-label={ts('requests.agent.pages')}>
          {page > 1 && <a href={href(page - 1)}>{ts('requests.agent.previous')}</a>} {more && <a href={href(page + 1)}>{ts('requests.agent.next')}</a>}
        </nav>
      )}
    </>
  );
}
