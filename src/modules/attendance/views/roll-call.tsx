import { CsrfField, ErrorSummary, type FieldErrors } from '../../../kernel/views/forms.js';
import { formatDate, formatDateTime } from '../../../kernel/i18n/index.js';
import { t } from '../i18n/fr.js';

export interface RollCallPageProps {
  csrf: string;
  group: { id: string; name: string };
  slot: { date: string; halfDay: string; slotKey: string; start: string | null; end: string | null; slotId: string | null };
  mode: string;
  pupils: { id: string; name: string; status: string; lateMinutes: number | null; announced: boolean; minutesTyped?: string }[];
  calledAt: string | null;
  canCall: boolean;
  errors?: FieldErrors;
}

export const slotLabel = (slot: { halfDay: string; start: string | null; end: string | null }) =>
  slot.start && slot.end ? t('attendance.call.lesson', slot.start, slot.end) : t(slot.halfDay === 'pm' ? 'attendance.pm' : 'attendance.am');

const STATUSES = ['present', 'absent', 'late'] as const;

/** The roll call: a plain form of radios, everyone present by default; works without JavaScript. */
export function RollCallPage(props: RollCallPageProps) {
  const { group, slot } = props;
  const lesson = !!slot.start;
  return (
    <>
      <div class="page-header">
        <h1>{t('attendance.call.title', group.name)}</h1>
        <p>{t('attendance.call.when', formatDate(slot.date), slotLabel(slot))}</p>
      </div>
      <ErrorSummary errors={props.errors} />
      {props.calledAt && <p class="muted">{t('attendance.call.done', formatDateTime(props.calledAt))}</p>}
      {!props.canCall && <p>{t('attendance.call.readOnly')}</p>}
      {props.pupils.length === 0 ? (
        <p>{t('attendance.call.noPupil')}</p>
      ) : (
        <form method="post" action={`/attendance/groups/${group.id}/call`}>
          <CsrfField token={props.csrf} />
          <input type="hidden" name="date" value={slot.date} />
          {lesson ? (
            <>
              <input type="hidden" name="start" value={slot.start ?? ''} />
              <input type="hidden" name="end" value={slot.end ?? ''} />
              {slot.slotId && <input type="hidden" name="slotId" value={slot.slotId} />}
            </>
          ) : (
            <input type="hidden" name="halfDay" value={slot.halfDay} />
          )}
          <p class="muted">{t('attendance.call.hint')}</p>
          <div class="rollcall">
            {props.pupils.map((p) => {
              const error = props.errors?.[`m.${p.id}`] ?? props.errors?.[`s.${p.id}`];
              return (
                <fieldset id={`field-m.${p.id}`} aria-describedby={error ? `err-${p.id}` : undefined}>
                  <legend>
                    {p.name}
                    {p.announced && <span class="badge badge--muted"> {t('attendance.call.announced')}</span>}
                  </legend>
                  {STATUSES.map((s) => (
                    <span class="choice">
                      <input type="radio" id={`s-${s}-${p.id}`} name={`s.${p.id}`} value={s} checked={p.status === s} disabled={!props.canCall} />
                      <label for={`s-${s}-${p.id}`}>{t(`attendance.call.${s}`)}</label>
                    </span>
                  ))}
                  <label class="visually-hidden" for={`m-${p.id}`}>
                    {`${t('attendance.call.minutes')} — ${p.name}`}
                  </label>
                  <input
                    class="minutes"
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={240}
                    id={`m-${p.id}`}
                    name={`m.${p.id}`}
                    placeholder="min"
                    value={p.minutesTyped ?? p.lateMinutes?.toString() ?? ''}
                    disabled={!props.canCall}
                    aria-invalid={error ? 'true' : undefined}
                  />
                  {error && (
                    <p class="field__error" id={`err-${p.id}`}>
                      {error}
                    </p>
                  )}
                </fieldset>
              );
            })}
          </div>
          {props.canCall && (
            <p class="actions">
              <button type="submit" class="button button--primary">
                {t('attendance.call.save')}
              </button>
            </p>
          )}
        </form>
      )}
      <form method="get" action={`/attendance/groups/${group.id}/call`} class="card inline-form">
        <h2>{t('attendance.call.change')}</h2>
        <div class="field">
          <label for="slot-date">{t('attendance.call.date')}</label>
          <input type="date" id="slot-date" name="date" value={slot.date} />
        </div>
        {props.mode === 'lesson' ? (
          <>
            <div class="field">
              <label for="slot-start">{t('attendance.call.start')}</label>
              <input type="time" id="slot-start" name="start" value={slot.start ?? ''} />
            </div>
            <div class="field">
              <label for="slot-end">{t('attendance.call.end')}</label>
              <input type="time" id="slot-end" name="end" value={slot.end ?? ''} />
            </div>
          </>
        ) : (
          <div class="field">
            <label for="slot-half">{t('attendance.call.halfDay')}</label>
            <select id="slot-half" name="halfDay">
              <option value="am" selected={slot.halfDay === 'am'}>
                {t('attendance.am')}
              </option>
              <option value="pm" selected={slot.halfDay === 'pm'}>
                {t('attendance.pm')}
              </option>
            </select>
          </div>
        )}
        <button type="submit" class="button">
          {t('attendance.call.open')}
        </button>
      </form>
    </>
  );
}
