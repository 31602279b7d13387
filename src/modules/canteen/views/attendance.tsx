import { formatDate } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { dayList } from '../service/attendance.js';

type DayList = Awaited<ReturnType<typeof dayList>>;

/**
 * The roll call on a phone: one checkbox per booked child (ticked = present), then the registered
 * children who came without a booking. Plain HTML, a few bytes per child.
 */
export function AttendancePage({ list, csrf, errors }: { list: DayList; csrf: string; errors?: FieldErrors }) {
  const present = (p: boolean | null) => p !== false;
  return (
    <>
      <h1>{t('canteen.attendance.title', list.service.label, formatDate(list.day))}</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action={`/canteen/services/${list.service.id}/attendance`}>
        <CsrfField token={csrf} />
        <input type="hidden" name="day" value={list.day} />
        <h2>{`${t('canteen.attendance.booked')} (${list.booked.length})`}</h2>
        {list.booked.length === 0 && <p>{t('canteen.attendance.none')}</p>}
        <ul class="list-plain">
          {list.booked.map((c) => (
            <li>
              <label>
                <input type="checkbox" name="p" value={c.studentId} checked={present(c.present)} />
                {` ${c.displayName}`}
                {c.diet !== 'none' && ` · ${t(`canteen.diet.${c.diet}`)}`}
                {c.careplan && ` · ${t('canteen.attendance.pai')}`}
              </label>
            </li>
          ))}
        </ul>
        <h2>{t('canteen.attendance.walkIns')}</h2>
        <ul class="list-plain">
          {[...list.walkIns, ...list.others].map((c) => (
            <li>
              <label>
                <input type="checkbox" name="w" value={c.studentId} checked={list.walkIns.includes(c)} />
                {` ${c.displayName}`}
                {list.waiting.some((x) => x.studentId === c.studentId) && ` · ${t('canteen.attendance.waiting')}`}
              </label>
            </li>
          ))}
        </ul>
        <p>
          <button type="submit" class="button button--primary">
            {t('canteen.attendance.save')}
          </button>
        </p>
      </form>
    </>
  );
}
