import type { ComponentChildren } from 'preact';
import { t } from '../i18n/fr.js';
import type { SchoolReview } from '../service/review.js';
import { ReviewSection } from './review.js';

/** The school's yearly project, one section per step. */
export function ProjectPage({ review, kitHref, children }: { review: SchoolReview; kitHref: string | null; children?: ComponentChildren }) {
  return (
    <>
      <h1>{t('equipment.project.title', review.school.name)}</h1>
      <p>{t('equipment.project.intro', review.schoolYear)}</p>
      <p>
        <a href={`/equipment/schools/${review.school.id}`}>{t('equipment.assets.title')}</a>
      </p>
      <ReviewSection review={review} kitHref={kitHref} />
      {children}
    </>
  );
}
