import { formatDate, isolate } from '../../../kernel/i18n/index.js';
import { t } from '../i18n/fr.js';
import type { EgalimShare } from '../menus.js';
import type { MenuDayView, SchoolWeek } from '../service/menus.js';
import { dayTitle, monthLabel } from './dates.js';

export { dayTitle };

type Key = Parameters<typeof t>[0];
const tk = (key: string) => t(key as Key as 'canteen.course.main');

export const allergenNames = (codes: readonly string[]) => codes.map((a) => tk(`canteen.allergen.${a}`)).join(t('canteen.menu.listSeparator'));
const labelNames = (codes: readonly string[]) => codes.map((l) => tk(`canteen.label.${l}`)).join(' · ');

export interface Flagged {
  displayName: string;
  flags: Record<string, string[]>;
}

const reasonText = (reasons: string[]) =>
  reasons.map((r) => (r === 'diet' ? t('canteen.menu.flagDiet') : tk(`canteen.allergen.${r}`))).join(t('canteen.menu.listSeparator'));

/** One day's dishes in menu order, each with its labels, allergens and the children it concerns. */
export function MenuDayList({ day, children, compact }: { day: MenuDayView; children: Flagged[]; compact?: boolean }) {
  return (
    <ul class="menu-dishes">
      {day.dishes.map((d) => {
        const concerned = children.filter((c) => c.flags[d.id]);
        return (
          <li class={concerned.length > 0 ? 'menu-dish menu-dish--flagged' : 'menu-dish'}>
            <span class="menu-course">{d.alternative ? t('canteen.menu.alternative') : tk(`canteen.course.${d.course}`)}</span> <strong>{d.name}</strong>
            {d.labels.length > 0 && <span class="menu-labels"> · {labelNames(d.labels)}</span>}
            {!compact && (
              <span class="menu-allergens">
                {' '}
                — {t('canteen.menu.allergensLine', d.allergens.length > 0 ? allergenNames(d.allergens) : t('canteen.menu.noAllergen'))}
              </span>
            )}
            {concerned.map((c) => (
              <span class="menu-flag">
                {' '}
                <span aria-hidden="true">⚠</span> {t('canteen.menu.childLine', t('canteen.menu.concerns', isolate(c.displayName)), reasonText(c.flags[d.id]!))}
              </span>
            ))}
          </li>
        );
      })}
    </ul>
  );
}

export function EgalimBlock({ egalim, headingLevel = 2 }: { egalim: EgalimShare & { month: string }; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const month = monthLabel(egalim.month);
  return (
    <section class="card menu-egalim">
      <H>{t('canteen.egalim.title', month)}</H>
      {egalim.dishes === 0 ? (
        <p class="muted">{t('canteen.egalim.empty')}</p>
      ) : (
        <>
          <p>
            <strong>{t('canteen.egalim.line', egalim.sustainableShare, egalim.organicShare)}</strong> —{' '}
            {egalim.met ? t('canteen.egalim.met') : t('canteen.egalim.notMet')}
          </p>
          <p class="muted">{egalim.method === 'value' ? t('canteen.egalim.byValue', egalim.dishes) : t('canteen.egalim.byCount', egalim.dishes)}</p>
        </>
      )}
      <p class="muted">{t('canteen.egalim.targets')}</p>
    </section>
  );
}

function WeekNav({ week, base }: { week: SchoolWeek['week']; base: string }) {
  return (
    <nav class="menu-weeknav" aria-label={t('canteen.menu.title')}>
      <a href={`${base}?week=${week.previous}`}>{t('canteen.menu.previous')}</a> · <a href={`${base}?week=${week.next}`}>{t('canteen.menu.next')}</a>
    </nav>
  );
}

/** The family's printable week: each school of their children, day by day, with the dishes that concern a child marked. */
export function FamilyWeekPage({ weeks, week }: { weeks: SchoolWeek[]; week: SchoolWeek['week'] }) {
  return (
    <div class="menu-print">
      <div class="page-header">
        <h1>{t('canteen.menu.title')}</h1>
        <p>{t('canteen.menu.week', formatDate(week.monday), formatDate(week.sunday))}</p>
        <WeekNav week={week} base="/canteen/menus" />
        <p class="muted menu-noprint">{t('canteen.menu.print')}</p>
      </div>
      {weeks.length === 0 && <p class="muted">{t('canteen.menu.noSchool')}</p>}
      {weeks.map((w) => (
        <section class="menu-school" aria-labelledby={`school-${w.school.id}`}>
          <h2 id={`school-${w.school.id}`}>{w.school.name}</h2>
          <p class="muted">{t('canteen.menu.kitchen', isolate(w.kitchen.name))}</p>
          {w.children.length > 0 && <p class="menu-legend">{t('canteen.menu.legend')}</p>}
          {w.children.map((c) => (
            <p>{t('canteen.menu.childLine', isolate(c.displayName), t('canteen.menu.flagged', Object.keys(c.flags).length))}</p>
          ))}
          {w.days.length === 0 ? (
            <p class="muted">{t('canteen.menu.none')}</p>
          ) : (
            w.days.map((d) => (
              <section class="menu-day" aria-labelledby={`day-${w.school.id}-${d.day}`}>
                <h3 id={`day-${w.school.id}-${d.day}`}>{dayTitle(d.day)}</h3>
                <MenuDayList day={d} children={w.children} />
              </section>
            ))
          )}
          <EgalimBlock egalim={w.egalim} headingLevel={3} />
        </section>
      ))}
    </div>
  );
}

/** The home block: this week's menus, short, with the flags. */
export function HomeMenus({ weeks, today }: { weeks: SchoolWeek[]; today: string }) {
  return (
    <section class="card" aria-labelledby="canteen-menus-title">
      <h2 id="canteen-menus-title">{t('canteen.menu.home')}</h2>
      {weeks.map((w) => (
        <>
          {weeks.length > 1 && <h3>{w.school.name}</h3>}
          {w.days.map((d) => (
            <details open={d.day === today || (d.day === w.days.find((x) => x.day >= today)?.day && !w.days.some((x) => x.day === today))}>
              <summary>{dayTitle(d.day)}</summary>
              <MenuDayList day={d} children={w.children} compact />
            </details>
          ))}
        </>
      ))}
      <p>
        <a href={`/canteen/menus?week=${weeks[0]!.week.monday}`}>{t('canteen.menu.homeLink')}</a>
      </p>
    </section>
  );
}
