// Reasons for an absence. The Code de l'éducation (art. L131-8) names the legitimate ones; the
// others (appointments, summons, religious holidays) are those school-life software lists.
export const REASONS = ['illness', 'medical', 'contagion', 'family', 'transport', 'guardiansTravel', 'summons', 'religious', 'other'] as const;
export type Reason = (typeof REASONS)[number];

export const isReason = (value: string): value is Reason => (REASONS as readonly string[]).includes(value);
