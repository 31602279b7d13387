import { isolate } from '../../../kernel/i18n/index.js';
import { t } from '../i18n/fr.js';
import type { schoolNumbers } from '../service/attendance.js';

/** The director's home block: today's booked and present children per service. */
export function NumbersBlock({ data }: { data: Awaited<ReturnType<typeof schoolNumbers>> }) {
  return (
    <section class="card" aria-labelledby="canteen-numbers-title">
      <h2 id="canteen-numbers-title">{t('canteen.numbers.title')}</h2>
      <ul class="list-plain">
        {data.services.map((s) => (
          <li>{t('canteen.numbers.line', isolate(s.label), s.booked, s.present)}</li>
        ))}
      </ul>
    </section>
  );
}
