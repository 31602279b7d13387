import { formatDate } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import { ALLERGENS, COURSES, LABELS, PROTEINS } from '../menus.js';
import { addDays } from '../rules.js';
import type { kitchenWeek } from '../service/menus.js';
import { dayTitle, EgalimBlock, MenuDayList } from './menus.js';

type Key = Parameters<typeof t>[0];
const tk = (key: string) => t(key as Key as 'canteen.course.main');
export type FormValues = Record<string, string | string[] | undefined>;
const many = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** A municipality's kitchens, the schools each cooks for, and the form to add one. */
export function KitchensPage(props: {
  municipality: { id: string; name: string };
  kitchens: { id: string; name: string; schools: { id: string; name: string }[] }[];
  schools: { id: string; name: string }[];
  csrf: string;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const values = props.values ?? {};
  const chosen = many(values.schoolIds);
  return (
    <>
      <div class="page-header">
        <h1>{`${t('canteen.kitchens.title')} — ${props.municipality.name}`}</h1>
      </div>
      <ErrorSummary errors={props.errors} />
      {props.kitchens.length === 0 ? (
        <p class="muted">{t('canteen.kitchens.none')}</p>
      ) : (
        <ul class="list-plain">
          {props.kitchens.map((k) => (
            <li>
              <a href={`/canteen/kitchens/${k.id}`}>{k.name}</a> —{' '}
              {k.schools.length > 0 ? t('canteen.kitchens.serves', k.schools.map((s) => s.name).join(', ')) : t('canteen.kitchens.servesNone')}
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={`/canteen/municipalities/${props.municipality.id}/kitchens`} class="card">
        <CsrfField token={props.csrf} />
        <h2>{t('canteen.kitchens.new')}</h2>
        <Field name="name" label={t('canteen.kitchens.name')} value={values.name as string | undefined} error={props.errors?.name} required />
        <fieldset class="field-group">
          <legend>{t('canteen.kitchens.schools')}</legend>
          {props.errors?.schoolIds && <p class="field__error">{props.errors.schoolIds}</p>}
          {props.schools.map((s) => (
            <div class="field field--check">
              <input type="checkbox" id={`field-school-${s.id}`} name="schoolIds" value={s.id} checked={chosen.includes(s.id)} />
              <label for={`field-school-${s.id}`}>{s.name}</label>
            </div>
          ))}
        </fieldset>
        <p class="actions">
          <button type="submit" class="button button--primary">
            {t('canteen.kitchens.create')}
          </button>
        </p>
      </form>
    </>
  );
}

/** A kitchen's week for its agents: each day's menu or draft, publishing, copying the previous week, the month's EGalim shares. */
export function KitchenWeekPage(props: { data: Awaited<ReturnType<typeof kitchenWeek>>; csrf: string; errors?: FieldErrors }) {
  const { kitchen, week, days, egalim, schools } = props.data;
  const base = `/canteen/kitchens/${kitchen.id}`;
  const weekdays = [0, 1, 2, 3, 4].map((i) => addDays(week.monday, i));
  const extra = days.filter((d) => !weekdays.includes(d.day)).map((d) => d.day);
  return (
    <>
      <div class="page-header">
        <h1>{t('canteen.kitchen.week', kitchen.name)}</h1>
        <p>{t('canteen.menu.week', formatDate(week.monday), formatDate(week.sunday))}</p>
        {schools.length > 0 && <p class="muted">{t('canteen.kitchens.serves', schools.map((s) => s.name).join(', '))}</p>}
        <nav class="menu-weeknav" aria-label={t('canteen.menu.title')}>
          <a href={`${base}?week=${week.previous}`}>{t('canteen.menu.previous')}</a> · <a href={`${base}?week=${week.next}`}>{t('canteen.menu.next')}</a>
        </nav>
      </div>
      <ErrorSummary errors={props.errors} />
      {[...weekdays, ...extra].map((day) => {
        const menu = days.find((d) => d.day === day);
        return (
          <section class="card menu-day" aria-labelledby={`day-${day}`}>
            <h2 id={`day-${day}`}>
              {dayTitle(day)}
              {menu && <span class={menu.status === 'published' ? 'badge' : 'badge badge--muted'}> {t(`canteen.menu.${menu.status}`)}</span>}
            </h2>
            {menu && menu.dishes.length > 0 ? <MenuDayList day={menu} children={[]} /> : <p class="muted">{t('canteen.kitchen.empty')}</p>}
            <p>
              <a href={`${base}/days/${day}`}>
                {menu ? t('canteen.kitchen.edit') : t('canteen.kitchen.write')}
                <span class="visually-hidden">{` — ${dayTitle(day)}`}</span>
              </a>
            </p>
          </section>
        );
      })}
      <div class="actions">
        <form method="post" action={`${base}/weeks/${week.monday}/publish`}>
          <CsrfField token={props.csrf} />
          <button type="submit" class="button button--primary">
            {t('canteen.kitchen.publish')}
          </button>
        </form>
        <form method="post" action={`${base}/weeks/${week.monday}/copy`}>
          <CsrfField token={props.csrf} />
          <button type="submit" class="button">
            {t('canteen.kitchen.copy')}
          </button>
        </form>
      </div>
      <EgalimBlock egalim={egalim} />
    </>
  );
}

/** The lines of an empty day form: one per course, and the vegetarian option after the main dish. */
export const DEFAULT_LINES: { course: string; alt?: boolean }[] = [
  { course: 'entree' },
  { course: 'main' },
  { course: 'main', alt: true },
  { course: 'side' },
  { course: 'dairy' },
  { course: 'dessert' },
  { course: 'snack' },
  { course: 'dessert' },
];

/** One day's menu form: eight lines, each a dish with its course, allergens, labels and what a diet may refuse. */
export function DayEditPage(props: { kitchen: { id: string; name: string }; day: string; values: FormValues; errors?: FieldErrors; csrf: string }) {
  const v = props.values;
  const err = props.errors ?? {};
  const base = `/canteen/kitchens/${props.kitchen.id}`;
  return (
    <>
      <div class="page-header">
        <h1>{t('canteen.day.title', dayTitle(props.day))}</h1>
        <p>
          <a href={`${base}?week=${props.day}`}>{t('canteen.day.back')}</a>
        </p>
      </div>
      <ErrorSummary errors={props.errors} />
      {err.day && <p class="field__error">{err.day}</p>}
      <p>{t('canteen.day.intro')}</p>
      <form method="post" action={`${base}/days/${props.day}`}>
        <CsrfField token={props.csrf} />
        {DEFAULT_LINES.map((line, i) => {
          const p = `d${i}`;
          const allergens = many(v[`${p}allergens`]);
          const labels = many(v[`${p}labels`]);
          const course = (v[`${p}course`] as string | undefined) ?? line.course;
          const alt = v[`${p}alt`] !== undefined ? v[`${p}alt`] === 'on' : !!line.alt && v[`${p}name`] === undefined;
          return (
            <fieldset class="card field-group menu-line">
              <legend>{alt ? t('canteen.menu.alternative') : tk(`canteen.course.${course}`)}</legend>
              <Field name={`${p}course`} label={t('canteen.day.course')}>
                <select id={`field-${p}course`} name={`${p}course`}>
                  {COURSES.map((c) => (
                    <option value={c} selected={c === course}>
                      {tk(`canteen.course.${c}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field name={`${p}name`} label={t('canteen.day.name')} value={(v[`${p}name`] as string | undefined) ?? ''} error={err[`${p}name`]} />
              {err[`${p}alt`] && <p class="field__error">{err[`${p}alt`]}</p>}
              {err[`${p}course`] && <p class="field__error">{err[`${p}course`]}</p>}
              <div class="field field--check">
                <input type="checkbox" id={`field-${p}alt`} name={`${p}alt`} value="on" checked={alt} />
                <label for={`field-${p}alt`}>{t('canteen.menu.alternative')}</label>
              </div>
              <Field name={`${p}protein`} label={t('canteen.day.protein')} error={err[`${p}protein`]}>
                <select id={`field-${p}protein`} name={`${p}protein`}>
                  {PROTEINS.map((x) => (
                    <option value={x} selected={x === (v[`${p}protein`] ?? 'none')}>
                      {tk(`canteen.protein.${x}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <fieldset class="field-group">
                <legend>{t('canteen.menu.allergens')}</legend>
                {err[`${p}allergens`] && <p class="field__error">{err[`${p}allergens`]}</p>}
                <div class="menu-checks">
                  {ALLERGENS.map((a) => (
                    <div class="field--check">
                      <input type="checkbox" id={`field-${p}a-${a}`} name={`${p}allergens`} value={a} checked={allergens.includes(a)} />
                      <label for={`field-${p}a-${a}`}>{tk(`canteen.allergen.${a}`)}</label>
                    </div>
                  ))}
                </div>
              </fieldset>
              <fieldset class="field-group">
                <legend>{t('canteen.menu.labelsLegend')}</legend>
                <div class="menu-checks">
                  {LABELS.map((l) => (
                    <div class="field--check">
                      <input type="checkbox" id={`field-${p}l-${l}`} name={`${p}labels`} value={l} checked={labels.includes(l)} />
                      <label for={`field-${p}l-${l}`}>{tk(`canteen.label.${l}`)}</label>
                    </div>
                  ))}
                </div>
              </fieldset>
              <Field
                name={`${p}cost`}
                label={t('canteen.day.cost')}
                value={(v[`${p}cost`] as string | undefined) ?? ''}
                error={err[`${p}cost`]}
                inputMode="decimal"
              />
            </fieldset>
          );
        })}
        <p class="actions">
          <button type="submit" class="button">
            {t('canteen.day.save')}
          </button>
          <button type="submit" class="button button--primary" name="publish" value="on">
            {t('canteen.day.savePublish')}
          </button>
        </p>
      </form>
    </>
  );
}
