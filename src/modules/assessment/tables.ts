/** How a school splits its year: three trimesters or two semesters. */
export type PeriodKind = 'trimester' | 'semester';

/**
 * When families see what an assessment records: at a date the teacher sets on each assessment,
 * at a date the teaching team sets per period, or once each period has ended.
 */
export type PublicationPolicy = 'perAssessment' | 'perPeriod' | 'periodEnd';

export type AssessmentKind = 'marks' | 'skills';

/** A mark that is not a number: the pupil was absent, is exempt, or was not marked. */
export type SpecialMark = 'absent' | 'exempt' | 'notMarked';

/** A school's choices; no row means trimesters and publication per assessment. */
export interface AssessmentSettingsTable {
  structureId: string;
  periodKind: PeriodKind;
  publicationPolicy: PublicationPolicy;
  updatedAt: string;
  updatedBy: string | null;
}

/** A trimester or semester of a school year, with its dates. */
export interface AssessmentPeriodsTable {
  id: string;
  structureId: string;
  schoolYear: string;
  /** 1, 2, 3 in the year. */
  position: number;
  name: string;
  /** `YYYY-MM-DD`, both included. */
  startsOn: string;
  endsOn: string;
  /** Under the `perPeriod` policy: the moment the teaching team opens the period's marks and report to families. */
  publishAt: string | null;
  createdAt: string;
}

/** An assessment (évaluation) of a group in a subject: marked out of a scale, or positioned on skills. */
export interface AssessmentsTable {
  id: string;
  structureId: string;
  groupId: string;
  periodId: string;
  teacherId: string;
  kind: AssessmentKind;
  subjectCode: string;
  subjectLabel: string;
  title: string;
  /** `YYYY-MM-DD`, inside the period. */
  assessedOn: string;
  /** Marks are out of this (20 by default); null for a skills-only assessment. */
  scale: number | null;
  /** Coefficient in hundredths (100 = 1). */
  coefficientCenti: number;
  /** Under the `perAssessment` policy: families see it from this ISO moment. */
  publishAt: string;
  /** The teacher holds it back from families whatever the policy says, with a reason. */
  heldAt: string | null;
  heldReason: string | null;
  /** When its families were told that its results are visible (once); null until then. */
  familiesNotifiedAt?: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The skills an assessment looks at, from the built-in catalogue. */
export interface AssessmentSkillsTable {
  assessmentId: string;
  skillCode: string;
  position: number;
}

/** One pupil's mark on an assessment: points in hundredths, or a special value. */
export interface AssessmentMarksTable {
  assessmentId: string;
  studentId: string;
  pointsCenti: number | null;
  special: SpecialMark | null;
  updatedAt: string;
  updatedBy: string;
}

/** One pupil's positioning on one skill: 1 non atteints, 2 partiellement atteints, 3 atteints, 4 dépassés. */
export interface AssessmentLevelsTable {
  assessmentId: string;
  studentId: string;
  skillCode: string;
  level: number;
  updatedAt: string;
  updatedBy: string;
}

/** A teacher's comment on a pupil's period report, per subject; `subjectCode` '' is the class teacher's overall comment. */
export interface ReportCommentsTable {
  periodId: string;
  studentId: string;
  subjectCode: string;
  authorId: string;
  comment: string;
  updatedAt: string;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    assessmentSettings: AssessmentSettingsTable;
    assessmentPeriods: AssessmentPeriodsTable;
    assessments: AssessmentsTable;
    assessmentSkills: AssessmentSkillsTable;
    assessmentMarks: AssessmentMarksTable;
    assessmentLevels: AssessmentLevelsTable;
    reportComments: ReportCommentsTable;
  }
}
