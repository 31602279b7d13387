import { formatNumber } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { TableWrap } from '../../../kernel/views/table.js';
import { t } from '../i18n/fr.js';
import { CLASSROOM_KIT_ITEMS, SCHOOL_KIT_ITEMS, type Kit } from '../project-tables.js';
import type { ItemState, SchoolReview } from '../service/review.js';

export const kitItemName = (item: string) => t(`equipment.kit.item.${item}` as 'equipment.kit.item.computer');

function ItemCell({ s }: { s: ItemState }) {
  if (s.present === null) return <td>{t('equipment.review.unknown')}</td>;
  return (
    <td class={s.missing ? 'equipment-missing' : undefined}>
      {formatNumber(s.present)} / {formatNumber(s.expected)}
      {s.missing ? ` · ${t('equipment.review.missing')} ${formatNumber(s.missing)}` : ''}
    </td>
  );
}

/** Step 1: each classroom against the kit, the school's items and the ratio. */
export function ReviewSection({ review, kitHref }: { review: SchoolReview; kitHref: string | null }) {
  return (
    <section aria-labelledby="step-review">
      <h2 id="step-review">{t('equipment.project.step1')}</h2>
      <p>
        {t(review.kitIsDefault ? 'equipment.kit.default' : 'equipment.kit.custom')}
        {kitHref && (
          <>
            {' '}
            <a href={kitHref}>{t('equipment.kit.link')}</a>
            {' · '}
            <a href={kitHref.replace(/\/kit$/, '/targets')}>{t('equipment.targets.link')}</a>
          </>
        )}
      </p>
      {review.classrooms.length === 0 ? (
        <p>{t('equipment.review.noClassrooms')}</p>
      ) : (
        <TableWrap labelledBy="review-classrooms">
          <table>
            <caption id="review-classrooms">{t('equipment.kit.classroom')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('equipment.review.classroom')}</th>
                {CLASSROOM_KIT_ITEMS.map((i) => (
                  <th scope="col">{kitItemName(i)}</th>
                ))}
                <th scope="col">{t('equipment.outOfWarranty')}</th>
              </tr>
            </thead>
            <tbody>
              {review.classrooms.map((c) => (
                <tr>
                  <th scope="row">
                    {c.className} ({c.name}) · {t(c.complete ? 'equipment.review.complete' : 'equipment.review.incomplete')}
                  </th>
                  {c.items.map((s) => (
                    <ItemCell s={s} />
                  ))}
                  <td>{formatNumber(c.outOfWarranty)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <h3>{t('equipment.kit.school')}</h3>
      <ul>
        {review.schoolItems.map((s) => (
          <li>
            {kitItemName(s.item)} : {formatNumber(s.present ?? 0)} / {formatNumber(s.expected)}
            {s.missing ? ` · ${t('equipment.review.missing')} ${formatNumber(s.missing)}` : ''}
          </li>
        ))}
        <li>{t('equipment.review.outOfWarranty', review.outOfWarranty)}</li>
      </ul>
      <h3>{t('equipment.review.ratios')}</h3>
      <p>
        {review.pupils === 0
          ? t('equipment.review.noPupils')
          : `${t('equipment.review.ratio', review.devices, review.pupils)}, ${t('equipment.review.perPupil', review.devicesPerPupil ?? 0)}.`}
      </p>
    </section>
  );
}

/** The municipality's kit form: every quantity, the cart's size. */
export function KitPage(props: {
  town: string;
  kit: Kit;
  isDefault: boolean;
  csrf: string | undefined;
  values?: Record<string, string>;
  errors?: FieldErrors;
  action: string;
}) {
  const value = (name: string, n: number) => props.values?.[name] ?? String(n);
  const num = (name: string, label: string, n: number) => (
    <Field name={name} label={label} type="number" inputMode="numeric" value={value(name, n)} error={props.errors?.[name]} required />
  );
  return (
    <>
      <h1>{t('equipment.kit.title', props.town)}</h1>
      <p>{t('equipment.kit.intro')}</p>
      <p>
        {t(props.isDefault ? 'equipment.kit.default' : 'equipment.kit.custom')}{' '}
        <a href={props.action.replace(/\/kit$/, '/targets')}>{t('equipment.targets.link')}</a>
      </p>
      <ErrorSummary errors={props.errors} />
      <form method="post" action={props.action}>
        <CsrfField token={props.csrf} />
        <fieldset>
          <legend>{t('equipment.kit.classroom')}</legend>
          {CLASSROOM_KIT_ITEMS.map((i) => num(`classroom.${i}`, kitItemName(i), props.kit.classroom[i]))}
        </fieldset>
        <fieldset>
          <legend>{t('equipment.kit.school')}</legend>
          {SCHOOL_KIT_ITEMS.map((i) => num(`school.${i}`, kitItemName(i), props.kit.school[i]))}
          {num('cartMin', t('equipment.kit.cartMin'), props.kit.cartMin)}
          {num('cartMax', t('equipment.kit.cartMax'), props.kit.cartMax)}
        </fieldset>
        <button type="submit">{t('equipment.kit.save')}</button>
      </form>
    </>
  );
}
