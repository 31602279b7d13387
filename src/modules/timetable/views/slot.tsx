import { CsrfField, ErrorSummary, type FieldErrors } from '../../../kernel/views/forms.js';
import { isolate } from '../../../kernel/i18n/index.js';
import { t } from '../i18n/fr.js';
import { SlotFields, type Values } from './manage.js';

type Named = { id: string; name: string };

export interface SlotEditProps {
  csrf: string;
  slotId: string;
  title: string;
  values: Values;
  errors?: FieldErrors;
  groups: Named[];
  teachers: Named[];
  rooms: Named[];
  subjects: { code: string; label: string }[];
  back: string;
}

/** Changes a weekly slot for good (every week it runs), or deletes it; each form works without JavaScript. */
export function SlotEditPage(props: SlotEditProps) {
  return (
    <>
      <div class="page-header">
        <h1>{t('timetable.slot.editTitle', isolate(props.title))}</h1>
        <p class="muted">{t('timetable.slot.editIntro')}</p>
      </div>
      <ErrorSummary errors={props.errors} />
      <form method="post" action={`/timetable/slots/${props.slotId}/edit`} class="card">
        <CsrfField token={props.csrf} />
        <SlotFields
          values={props.values}
          errors={props.errors ?? {}}
          groups={props.groups}
          teachers={props.teachers}
          rooms={props.rooms}
          subjects={props.subjects}
        />
        <button type="submit" class="button button--primary">
          {t('timetable.slot.update')}
        </button>
      </form>
      <section class="card" aria-labelledby="delete-title">
        <h2 id="delete-title">{t('timetable.slot.delete')}</h2>
        <p>{t('timetable.slot.deleteHint')}</p>
        <form method="post" action={`/timetable/slots/${props.slotId}/delete`}>
          <CsrfField token={props.csrf} />
          <button type="submit" class="button button--danger">
            {t('timetable.slot.delete')}
          </button>
        </form>
      </section>
      <p>
        <a href={props.back}>{t('timetable.thisWeek')}</a>
      </p>
    </>
  );
}
