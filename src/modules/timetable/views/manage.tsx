import { formatDate, isolate } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { LineProblem } from '../service/imports.js';
import { isoWeekdayName } from './dates.js';

type Named = { id: string; name: string };
export type Values = Record<string, string | undefined>;

function Select(props: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string;
  error?: string;
  required?: boolean;
  empty?: string;
}) {
  const id = `field-${props.name}`;
  return (
    <Field name={props.name} label={props.label} error={props.error} required={props.required}>
      <select
        id={id}
        name={props.name}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
      >
        <option value="">{props.empty ?? t('timetable.slot.choose')}</option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The days and the weeks a slot may take, in the request's language. */
const days = () => [1, 2, 3, 4, 5, 6].map((d) => ({ value: String(d), label: isoWeekdayName(d) }));
const weeks = () => (['all', 'A', 'B'] as const).map((w) => ({ value: w, label: t(`timetable.weeks.${w}`) }));

/** A slot's fields, for the new slot and the edit form alike. */
export function SlotFields(props: {
  values: Values;
  errors: FieldErrors;
  groups: Named[];
  teachers: Named[];
  rooms: Named[];
  subjects: { code: string; label: string }[];
}) {
  const slot = props.values;
  const se = props.errors;
  const groups = props.groups.map((g) => ({ value: g.id, label: g.name }));
  const teachers = props.teachers.map((p) => ({ value: p.id, label: p.name }));
  const rooms = props.rooms.map((r) => ({ value: r.id, label: r.name }));
  return (
    <>
      <Select name="groupId" label={t('timetable.slot.group')} options={groups} value={slot.groupId} error={se.groupId} required />
      <Select name="teacherId" label={t('timetable.slot.teacher')} options={teachers} value={slot.teacherId} error={se.teacherId} required />
      {props.subjects.length > 0 && (
        <Select
          name="subjectCode"
          label={t('timetable.slot.subjectCode')}
          options={props.subjects.map((s) => ({ value: s.code, label: s.label }))}
          value={slot.subjectCode}
          error={se.subjectCode}
        />
      )}
      <Field name="subject" label={t('timetable.slot.subject')} hint={t('timetable.slot.subjectHint')} value={slot.subject} error={se.subject} />
      <Select name="dayOfWeek" label={t('timetable.slot.day')} options={days()} value={slot.dayOfWeek} error={se.dayOfWeek} required />
      <Field name="startTime" type="time" label={t('timetable.slot.start')} value={slot.startTime} error={se.startTime} required />
      <Field name="endTime" type="time" label={t('timetable.slot.end')} value={slot.endTime} error={se.endTime} required />
      <Select name="roomId" label={t('timetable.slot.room')} options={rooms} value={slot.roomId} error={se.roomId} empty={t('timetable.slot.noRoom')} />
      <Select name="weeks" label={t('timetable.slot.weeks')} options={weeks()} value={slot.weeks ?? 'all'} error={se.weeks} required />
      <Field
        name="validFrom"
        type="date"
        label={t('timetable.slot.validFrom')}
        hint={t('timetable.slot.validHint')}
        value={slot.validFrom}
        error={se.validFrom}
      />
      <Field name="validTo" type="date" label={t('timetable.slot.validTo')} value={slot.validTo} error={se.validTo} />
    </>
  );
}

export interface ManageProps {
  csrf: string;
  groups: Named[];
  teachers: Named[];
  rooms: Named[];
  subjects: { code: string; label: string }[];
  aWeeks: string;
  /** Which form failed, with what was typed and the messages. */
  slot?: { values: Values; errors?: FieldErrors };
  room?: { values: Values; errors?: FieldErrors };
  settings?: { values: Values; errors?: FieldErrors };
  importing?: { values: Values; errors?: FieldErrors; lines?: LineProblem[] };
}

/** The staff's page: add a slot, the rooms, the A/B calendar, imports; each form works without JavaScript. */
export function ManagePage(props: ManageProps) {
  const slot = props.slot?.values ?? {};
  const se = props.slot?.errors ?? {};
  const groups = props.groups.map((g) => ({ value: g.id, label: g.name }));
  const teachers = props.teachers.map((p) => ({ value: p.id, label: p.name }));
  const pattern = props.settings?.values.pattern ?? (props.aWeeks === 'odd' || props.aWeeks === 'even' ? props.aWeeks : 'list');
  const imp = props.importing?.values ?? {};
  const ie = props.importing?.errors ?? {};
  return (
    <>
      <div class="page-header">
        <h1>{t('timetable.manage.title')}</h1>
      </div>

      <section aria-labelledby="slot-title" class="card">
        <h2 id="slot-title">{t('timetable.slot.new')}</h2>
        <ErrorSummary errors={props.slot?.errors} />
        <form method="post" action="/timetable/slots">
          <CsrfField token={props.csrf} />
          <SlotFields values={slot} errors={se} groups={props.groups} teachers={props.teachers} rooms={props.rooms} subjects={props.subjects} />
          <button type="submit" class="button button--primary">
            {t('timetable.slot.save')}
          </button>
        </form>
      </section>

      <section aria-labelledby="rooms-title" class="card">
        <h2 id="rooms-title">{t('timetable.rooms.title')}</h2>
        {props.rooms.length === 0 ? (
          <p class="muted">{t('timetable.rooms.none')}</p>
        ) : (
          <ul class="list-plain">
            {props.rooms.map((r) => (
              <li>
                <a href={`/timetable/rooms/${r.id}`}>{r.name}</a>{' '}
                <form method="post" action={`/timetable/rooms/${r.id}/delete`} class="inline-form">
                  <CsrfField token={props.csrf} />
                  <button type="submit" class="button button--small button--quiet">
                    {t('timetable.rooms.delete')}
                    <span class="visually-hidden">{` ${r.name}`}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <ErrorSummary errors={props.room?.errors} />
        <form method="post" action="/timetable/rooms">
          <CsrfField token={props.csrf} />
          <Field name="name" label={t('timetable.rooms.name')} value={props.room?.values.name} error={props.room?.errors?.name} required />
          <button type="submit" class="button">
            {t('timetable.rooms.add')}
          </button>
        </form>
      </section>

      <section aria-labelledby="settings-title" class="card">
        <h2 id="settings-title">{t('timetable.settings.title')}</h2>
        <ErrorSummary errors={props.settings?.errors} />
        <form method="post" action="/timetable/settings">
          <CsrfField token={props.csrf} />
          <fieldset>
            <legend>{t('timetable.settings.aWeeks')}</legend>
            {(['odd', 'even', 'list'] as const).map((p) => (
              <div class="field field--check">
                <input type="radio" id={`pattern-${p}`} name="pattern" value={p} checked={pattern === p} />
                <label for={`pattern-${p}`}>{t(`timetable.settings.${p}`)}</label>
              </div>
            ))}
          </fieldset>
          <Field
            name="aWeeks"
            label={t('timetable.settings.listLabel')}
            value={props.settings?.values.aWeeks ?? (pattern === 'list' ? props.aWeeks : '')}
            error={props.settings?.errors?.aWeeks}
          />
          <button type="submit" class="button">
            {t('timetable.settings.save')}
          </button>
        </form>
      </section>

      <section aria-labelledby="import-title" class="card">
        <h2 id="import-title">{t('timetable.import.title')}</h2>
        <ErrorSummary errors={ie} />
        {props.importing?.lines && props.importing.lines.length > 0 && (
          <div class="report report__errors">
            <p>{t('timetable.import.failed')}</p>
            <ul>
              {props.importing.lines.map((l) => (
                <li>{l.message}</li>
              ))}
            </ul>
          </div>
        )}
        <form method="post" action="/timetable/import/file" enctype="multipart/form-data">
          <CsrfField token={props.csrf} />
          <fieldset>
            <legend>{t('timetable.import.format')}</legend>
            {(['csv', 'ical'] as const).map((f) => (
              <div class="field field--check">
                <input type="radio" id={`format-${f}`} name="format" value={f} checked={(imp.format ?? 'csv') === f} />
                <label for={`format-${f}`}>{t(`timetable.import.${f}`)}</label>
              </div>
            ))}
          </fieldset>
          <div class={ie.file ? 'field field--error' : 'field'}>
            <label for="field-file">{t('timetable.import.file')}</label>
            <p class="field__hint" id="field-file-hint">
              {t('timetable.import.fileHint')}
            </p>
            {ie.file && (
              <p class="field__error" id="field-file-error">
                {ie.file}
              </p>
            )}
            <input
              id="field-file"
              name="file"
              type="file"
              accept=".csv,.ics,.txt,text/csv,text/calendar,text/plain"
              aria-describedby={ie.file ? 'field-file-hint field-file-error' : 'field-file-hint'}
              aria-invalid={ie.file ? 'true' : undefined}
            />
          </div>
          <Field name="content" label={t('timetable.import.content')} hint={t('timetable.import.contentHint')} error={ie.content}>
            <textarea id="field-content" name="content" rows={8} aria-describedby="field-content-hint" aria-invalid={ie.content ? 'true' : undefined}>
              {imp.content ?? ''}
            </textarea>
          </Field>
          <Select name="groupId" label={t('timetable.import.group')} options={groups} value={imp.groupId} error={ie.groupId} />
          <Select name="teacherId" label={t('timetable.import.teacher')} options={teachers} value={imp.teacherId} error={ie.teacherId} />
          <div class="field field--check">
            <input type="checkbox" id="field-replace" name="replace" value="on" checked={imp.replace === 'on'} />
            <label for="field-replace">{t('timetable.import.replace')}</label>
          </div>
          <button type="submit" class="button button--primary">
            {t('timetable.import.run')}
          </button>
        </form>
      </section>
    </>
  );
}

export interface ChangePageProps {
  csrf: string;
  slot: { id: string; subject: string; groupName: string; startTime: string; endTime: string };
  date: string;
  teachers: Named[];
  rooms: Named[];
  existing: { id: string; text: string } | null;
  values: Values;
  errors?: FieldErrors;
  back: string;
}

/** Records a change to one occurrence; the existing change for that date, if any, can be withdrawn. */
export function ChangePage(props: ChangePageProps) {
  const v = props.values;
  const e = props.errors ?? {};
  const kinds = (['cancelled', 'moved', 'teacher', 'room'] as const).map((k) => ({ value: k, label: t(`timetable.change.kind.${k}`) }));
  return (
    <>
      <div class="page-header">
        <h1>{t('timetable.change.title', isolate(props.slot.subject), formatDate(props.date))}</h1>
        <p class="muted">{`${props.slot.groupName} · ${t('timetable.time', props.slot.startTime, props.slot.endTime)}`}</p>
      </div>
      {props.existing && (
        <section class="card" aria-labelledby="existing-title">
          <h2 id="existing-title">{t('timetable.change.existing')}</h2>
          <p>{props.existing.text}</p>
          <form method="post" action={`/timetable/changes/${props.existing.id}/delete`} class="inline-form">
            <CsrfField token={props.csrf} />
            <button type="submit" class="button button--danger">
              {t('timetable.change.remove')}
            </button>
          </form>
        </section>
      )}
      <ErrorSummary errors={props.errors} />
      <form method="post" action={`/timetable/slots/${props.slot.id}/change`} class="card">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="date" value={props.date} />
        {e.date && <p class="field__error">{e.date}</p>}
        <Select name="kind" label={t('timetable.change.kind')} options={kinds} value={v.kind ?? 'cancelled'} error={e.kind} required />
        <Field name="newDate" type="date" label={t('timetable.change.newDate')} value={v.newDate} error={e.newDate} />
        <Field name="newStart" type="time" label={t('timetable.change.newStart')} value={v.newStart} error={e.newStart} />
        <Field name="newEnd" type="time" label={t('timetable.change.newEnd')} value={v.newEnd} error={e.newEnd} />
        <Select
          name="newTeacherId"
          label={t('timetable.change.newTeacher')}
          options={props.teachers.map((p) => ({ value: p.id, label: p.name }))}
          value={v.newTeacherId}
          error={e.newTeacherId}
        />
        <Select
          name="newRoomId"
          label={t('timetable.change.newRoom')}
          options={props.rooms.map((r) => ({ value: r.id, label: r.name }))}
          value={v.newRoomId}
          error={e.newRoomId}
        />
        <Field name="note" label={t('timetable.change.note')} value={v.note} error={e.note} />
        <button type="submit" class="button button--primary">
          {t('timetable.change.save')}
        </button>
      </form>
      <p>
        <a href={props.back}>{t('timetable.thisWeek')}</a>
      </p>
    </>
  );
}
