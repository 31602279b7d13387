import { formatDate, formatDateTime } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { TableWrap } from '../../../kernel/views/table.js';
import { displayName } from '../../directory/index.js';
import { t } from '../i18n/fr.js';
import type { creationChoices, listPolls, PollDetail } from '../service.js';

type Polls = Awaited<ReturnType<typeof listPolls>>;
type Choices = Awaited<ReturnType<typeof creationChoices>>;

export function PollsIndex({ polls, writer }: { polls: Polls; writer: boolean }) {
  return (
    <>
      <div class="page-header">
        <h1>{t('polls.title')}</h1>
        {writer && (
          <p class="actions">
            <a class="button button--primary" href="/polls/new">
              {t('polls.new')}
            </a>
          </p>
        )}
      </div>
      {polls.length === 0 ? (
        <p class="muted">{t('polls.none')}</p>
      ) : (
        <ul class="cards">
          {polls.map((p) => (
            <li class="card">
              <h2>
                <a href={`/polls/${p.id}`}>{p.title}</a>
              </h2>
              <p class="muted">
                {t(`polls.audience.${p.audience}`)} · {t('polls.dates', formatDate(p.opensAt), formatDateTime(p.closesAt))}
              </p>
              <p>
                <span class={p.withdrawn ? 'badge badge--muted' : p.open ? 'badge badge--ok' : 'badge'}>
                  {p.withdrawn ? t('polls.withdrawn') : p.open ? t('polls.open') : t('polls.closed')}
                </span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export interface PollFormValues {
  audience?: string;
  groupId?: string;
  personIds?: string[];
  title?: string;
  description?: string;
  options?: string;
  multiple?: boolean;
  perFamily?: boolean;
  anonymous?: boolean;
  resultsLive?: boolean;
  opensOn?: string;
  closesOn?: string;
}

function Check({ name, label, checked }: { name: string; label: string; checked?: boolean }) {
  return (
    <div class="field field--check">
      <input type="checkbox" id={`field-${name}`} name={name} value="on" checked={checked} />
      <label for={`field-${name}`}>{label}</label>
    </div>
  );
}

export function PollFormPage({ csrf, choices, values, errors }: { csrf: string; choices: Choices; values: PollFormValues; errors?: FieldErrors }) {
  const audiences = choices.director ? (['classParents', 'staff', 'people'] as const) : (['classParents'] as const);
  const chosen = new Set(values.personIds ?? []);
  return (
    <>
      <div class="page-header">
        <h1>{t('polls.form.title')}</h1>
      </div>
      <ErrorSummary errors={errors} />
      <form method="post" action="/polls" class="card" novalidate>
        <CsrfField token={csrf} />
        <fieldset class="field-group" id="field-audience">
          <legend>{t('polls.form.audience')}</legend>
          {audiences.map((a) => (
            <div class="field field--check">
              <input type="radio" id={`field-audience-${a}`} name="audience" value={a} checked={(values.audience ?? 'classParents') === a} />
              <label for={`field-audience-${a}`}>{t(`polls.audience.${a}`)}</label>
            </div>
          ))}
        </fieldset>
        <Field name="groupId" label={t('polls.form.class')} error={errors?.groupId}>
          <select id="field-groupId" name="groupId">
            <option value="">{t('polls.form.choose')}</option>
            {choices.classes.map((c) => (
              <option value={c.id} selected={values.groupId === c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        {choices.director && (
          <fieldset class="field-group" id="field-personIds">
            <legend>{t('polls.form.people')}</legend>
            {errors?.personIds && <p class="field__error">{errors.personIds}</p>}
            <details open={values.audience === 'people'}>
              <summary>{t('polls.form.people')}</summary>
              {choices.people.map((p) => (
                <div class="field field--check">
                  <input type="checkbox" id={`person-${p.id}`} name="personIds" value={p.id} checked={chosen.has(p.id)} />
                  <label for={`person-${p.id}`}>{displayName(p)}</label>
                </div>
              ))}
            </details>
          </fieldset>
        )}
        <Field name="title" label={t('polls.form.question')} value={values.title} error={errors?.title} required />
        <Field name="description" label={t('polls.form.description')} error={errors?.description}>
          <textarea id="field-description" name="description" rows={3}>
            {values.description ?? ''}
          </textarea>
        </Field>
        <Field name="options" label={t('polls.form.options')} error={errors?.options} hint={t('polls.form.optionsHint')} required>
          <textarea id="field-options" name="options" rows={5} required aria-describedby="field-options-hint">
            {values.options ?? ''}
          </textarea>
        </Field>
        <Check name="multiple" label={t('polls.form.multiple')} checked={values.multiple} />
        <Check name="perFamily" label={t('polls.form.perFamily')} checked={values.perFamily} />
        <Check name="anonymous" label={t('polls.form.anonymous')} checked={values.anonymous} />
        <Check name="resultsLive" label={t('polls.form.live')} checked={values.resultsLive} />
        <Field name="opensOn" type="date" label={t('polls.form.opensOn')} value={values.opensOn} error={errors?.opensAt ?? errors?.opensOn} required />
        <Field name="closesOn" type="date" label={t('polls.form.closesOn')} value={values.closesOn} error={errors?.closesAt ?? errors?.closesOn} required />
        <p class="actions">
          <button type="submit" class="button button--primary">
            {t('polls.form.create')}
          </button>
        </p>
      </form>
    </>
  );
}

export function PollPage({ poll, csrf, errors }: { poll: PollDetail; csrf: string; errors?: FieldErrors }) {
  const type = poll.multiple ? 'checkbox' : 'radio';
  return (
    <>
      <div class="page-header">
        <h1>{poll.title}</h1>
        <p class="muted">
          {t(`polls.audience.${poll.audience}`)} · {t('polls.dates', formatDateTime(poll.opensAt), formatDateTime(poll.closesAt))} ·{' '}
          {poll.anonymous ? t('polls.anonymous') : t('polls.named')}
        </p>
      </div>
      {poll.withdrawn && <p class="badge badge--warn">{t('polls.withdrawn')}</p>}
      {poll.description && <p class="card liaison-text">{poll.description}</p>}
      <ErrorSummary errors={errors} />
      {poll.canVote &&
        poll.mine.map((slot, i) => (
          <form method="post" action={`/polls/${poll.id}/vote`} class="card">
            <CsrfField token={csrf} />
            {slot.studentId && <input type="hidden" name="studentId" value={slot.studentId} />}
            <fieldset class="field-group">
              <legend>{slot.child ? t('polls.vote.for', slot.child) : t('polls.vote.title')}</legend>
              {slot.voted && <p class="badge badge--ok">{t('polls.vote.already')}</p>}
              {poll.options.map((o, j) => (
                <div class="field field--check">
                  <input
                    type={type}
                    id={`vote-${i}-${j}`}
                    name="optionIds"
                    value={o.id}
                    checked={slot.choices.includes(o.id)}
                    disabled={slot.voted && poll.anonymous}
                  />
                  {/* The school's choices keep their own direction inside a right-to-left page. */}
                  <label for={`vote-${i}-${j}`} dir="auto">
                    {o.label}
                  </label>
                </div>
              ))}
            </fieldset>
            {slot.voted && poll.anonymous ? (
              <p class="muted">{t('polls.vote.final')}</p>
            ) : (
              <p class="actions">
                <button type="submit" class="button button--primary">
                  {slot.voted ? t('polls.vote.change') : t('polls.vote.submit')}
                </button>
              </p>
            )}
          </form>
        ))}
      <div class="polls-results">
        <h2 id="results-title">{t('polls.results.title')}</h2>
        {poll.results ? (
          <>
            <p>{t('polls.results.ballots', poll.results.ballots)}</p>
            <TableWrap labelledBy="results-title">
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t('polls.csv.option')}</th>
                    <th scope="col">{t('polls.csv.votes')}</th>
                  </tr>
                </thead>
                <tbody>
                  {poll.results.options.map((o) => (
                    <tr>
                      <th scope="row" dir="auto">
                        {o.label}
                      </th>
                      <td>{o.votes}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </>
        ) : (
          <p class="muted">{t('polls.results.later')}</p>
        )}
        {poll.canExport && (
          <p class="actions">
            <a class="button" href={`/polls/${poll.id}/results.csv`}>
              {t('polls.results.export')}
            </a>
          </p>
        )}
      </div>
      {poll.canEdit && (
        <form method="post" action={`/polls/${poll.id}/withdraw`} class="card">
          <CsrfField token={csrf} />
          <button type="submit" class="button button--danger">
            {t('polls.withdraw')}
          </button>
        </form>
      )}
    </>
  );
}
