import { formatDateTime } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { TicketView } from '../service/present.js';
import { Pager, Select, ticketStatusName, ticketStatusOptions } from './common.js';

export function TicketsPage(props: { items: TicketView[]; total: number; filter: Record<string, string>; limit: number; offset: number }) {
  return (
    <>
      <h1>{t('equipment.tickets')}</h1>
      <form method="get" action="/equipment/tickets" class="filters">
        <Select
          name="status"
          label={t('equipment.field.status')}
          options={[{ value: 'open', label: t('equipment.tickets.open') }, ...ticketStatusOptions()]}
          value={props.filter.status}
          empty={t('equipment.filter.allStatuses')}
        />
        <div class="field">
          <label>
            <input type="checkbox" name="overdue" value="1" checked={props.filter.overdue === '1'} /> {t('equipment.tickets.overdue')}
          </label>
        </div>
        <button type="submit" class="button">
          {t('equipment.filter')}
        </button>
      </form>
      <p>{t('equipment.tickets.count', props.total)}</p>
      {props.items.length === 0 ? (
        <p>{t('equipment.tickets.none')}</p>
      ) : (
        <ul class="list-plain">
          {props.items.map((k) => (
            <li class="card">
              <h2>
                <a href={`/equipment/tickets/${k.id}`}>{k.subject}</a>
              </h2>
              <p>
                {k.schoolName} · <strong>{ticketStatusName(k.status)}</strong>
                {k.overdue && (
                  <>
                    {' · '}
                    <strong class="badge">{t('equipment.tickets.overdue')}</strong>
                  </>
                )}
              </p>
              <p class="muted">
                {t('equipment.ticket.by', k.reporter, formatDateTime(k.createdAt))} · {t('equipment.ticket.due', formatDateTime(k.dueAt))}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pager base="/equipment/tickets" query={props.filter} total={props.total} limit={props.limit} offset={props.offset} />
    </>
  );
}

export interface TicketPageData {
  ticket: TicketView;
  assigneeId: string | null;
  notes: { at: string; author: string; body: string | null; statusFrom: string | null; statusTo: string | null }[];
  agents: { id: string; name: string }[];
}

export function TicketPage(props: {
  data: TicketPageData;
  csrf: string;
  manage: boolean;
  comment: boolean;
  values?: Record<string, string>;
  errors?: FieldErrors;
}) {
  const { ticket: k, notes, agents } = props.data;
  const v = props.values ?? {};
  return (
    <>
      <h1>{k.subject}</h1>
      <p>
        {k.schoolName} · <strong>{ticketStatusName(k.status)}</strong>
        {k.overdue && <> · {t('equipment.tickets.overdue')}</>}
      </p>
      <p class="muted">
        {t('equipment.ticket.by', k.reporter, formatDateTime(k.createdAt))} · {t('equipment.ticket.due', formatDateTime(k.dueAt))}
      </p>
      <p class="liaison-text">{k.description}</p>
      {k.since && (
        <p>
          {t('equipment.ticket.since')} {k.since}
        </p>
      )}
      <p>
        {t('equipment.ticket.assignee')} : {k.assignee ?? t('equipment.ticket.unassigned')}
        {k.assetId && (
          <>
            {' · '}
            <a href={`/equipment/assets/${k.assetId}`}>{t('equipment.history')}</a>
          </>
        )}
      </p>
      <h2>{t('equipment.ticket.followUp')}</h2>
      <ol class="list-plain">
        {notes.map((n) => (
          <li class="card">
            <p class="muted">{t('equipment.event.by', n.author, formatDateTime(n.at))}</p>
            {n.statusTo && <p>{t('equipment.ticket.statusChange', ticketStatusName(n.statusFrom ?? 'new'), ticketStatusName(n.statusTo))}</p>}
            {n.body && <p class="liaison-text">{n.body}</p>}
          </li>
        ))}
      </ol>
      {props.manage ? (
        <form method="post" action={`/equipment/tickets/${k.id}`} class="card">
          <ErrorSummary errors={props.errors} />
          <CsrfField token={props.csrf} />
          <Select name="status" label={t('equipment.field.status')} options={ticketStatusOptions()} value={v.status ?? k.status} error={props.errors?.status} />
          <Select
            name="assigneeId"
            label={t('equipment.ticket.assignee')}
            options={agents.map((a) => ({ value: a.id, label: a.name }))}
            value={v.assigneeId ?? props.data.assigneeId}
            empty={t('equipment.ticket.unassigned')}
            error={props.errors?.assigneeId}
          />
          <CommentField value={v.comment} error={props.errors?.comment} name="comment" />
          <button type="submit" class="button">
            {t('equipment.ticket.update')}
          </button>
        </form>
      ) : (
        props.comment && (
          <form method="post" action={`/equipment/tickets/${k.id}/comments`} class="card">
            <ErrorSummary errors={props.errors} />
            <CsrfField token={props.csrf} />
            <CommentField value={v.body} error={props.errors?.body} name="body" />
            <button type="submit" class="button">
              {t('equipment.ticket.comment')}
            </button>
          </form>
        )
      )}
    </>
  );
}

function CommentField({ value, error, name }: { value?: string; error?: string; name: string }) {
  return (
    <Field name={name} label={t('equipment.ticket.comment')} error={error}>
      <textarea
        id={`field-${name}`}
        name={name}
        rows={3}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `field-${name}-error` : undefined}
      >
        {value ?? ''}
      </textarea>
    </Field>
  );
}
