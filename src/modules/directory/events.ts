/** A pupil's photo consent was changed by the school (not by an import). */
export interface PhotoConsentChanged {
  studentId: string;
  /** True, false, or null when unknown (which counts as no consent). */
  consent: boolean | null;
  changedBy: string;
}

declare module '../../kernel/events/index.js' {
  interface EventMap {
    'directory.photoConsent.changed': PhotoConsentChanged;
  }
}
