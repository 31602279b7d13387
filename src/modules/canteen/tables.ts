/** Kinds of service a commune runs for its schools. */
export type ServiceKind = 'canteen' | 'morning' | 'evening' | 'wednesday' | 'study';
/** What a family books at once at most (the period the commune sells the service by). */
export type BookingPeriod = 'week' | 'month' | 'term' | 'year';
export type Diet = 'none' | 'noPork' | 'vegetarian' | 'noMeat';
export type BookingStatus = 'booked' | 'waiting' | 'cancelled';
export type ClosureReason = 'holiday' | 'bankHoliday' | 'strike' | 'other';

/** A school's service for one school year: its days, its capacity and its deadlines (JSON rules, see rules.ts). */
export interface CanteenServicesTable {
  id: string;
  structureId: string;
  municipalityId: string;
  schoolYear: string;
  kind: ServiceKind;
  label: string;
  /** ISO weekdays the service runs, `1,2,4,5`. */
  weekdays: string;
  capacity: number;
  period: BookingPeriod;
  /** JSON `DeadlineRule`: until when a day may be booked. */
  bookingRule: string;
  /** JSON `DeadlineRule`: until when a booked day may be cancelled. */
  cancellationRule: string;
  /** 0/1: a full day takes requests on a waiting list. */
  waitingList: number;
  createdAt: string;
  updatedAt: string;
}

/** Days without service: the zone's holidays, bank holidays, strikes; for all the municipality's schools or one. */
export interface CanteenClosuresTable {
  id: string;
  municipalityId: string;
  /** Null: every school of the municipality. */
  structureId: string | null;
  startsOn: string;
  endsOn: string;
  reason: ClosureReason;
  label: string;
  createdAt: string;
}

/** The municipality's terms of a school year (what "book the whole term" books). */
export interface CanteenTermsTable {
  id: string;
  municipalityId: string;
  schoolYear: string;
  label: string;
  startsOn: string;
  endsOn: string;
}

/** A child's yearly registration: contacts, who may pick them up, diet, PAI, consent to the rules. */
export interface CanteenRegistrationsTable {
  id: string;
  studentId: string;
  schoolYear: string;
  structureId: string;
  diet: Diet;
  /** PAI (projet d'accueil individualisé): what it says, null without one. */
  careplan: string | null;
  /** JSON array of `{ name, phone }`. */
  emergencyContacts: string;
  /** JSON array of `{ name, phone }`. */
  pickupPeople: string;
  consentAt: string;
  registeredBy: string;
  createdAt: string;
  updatedAt: string;
}

/** One row per service and day that has bookings: the row locked while the last place is taken. */
export interface CanteenDayCountersTable {
  serviceId: string;
  day: string;
  booked: number;
}

/** A child's current state for one service and day; every change is also appended to the history. */
export interface CanteenBookingsTable {
  id: string;
  serviceId: string;
  studentId: string;
  day: string;
  status: BookingStatus;
  /** When the request joined the waiting list (its rank), null otherwise. */
  waitingSince: string | null;
  updatedAt: string;
}

/** Append-only: who changed which booking, when, on whose behalf and why. */
export interface CanteenBookingHistoryTable {
  id: string;
  serviceId: string;
  studentId: string;
  day: string;
  action: 'book' | 'wait' | 'cancel' | 'promote';
  actorId: string;
  /** The agent's reason when booking for the family (a phone call…), null when the family did it. */
  reason: string | null;
  at: string;
}

/** The agent's roll call for one service and day. */
export interface CanteenAttendanceTable {
  serviceId: string;
  studentId: string;
  day: string;
  present: number;
  /** 0/1: the child had a booking that day (present without booking is recorded as such). */
  booked: number;
  markedBy: string;
  markedAt: string;
}

/** A municipality's kitchen (a central kitchen may cook for several schools). */
export interface CanteenKitchensTable {
  id: string;
  municipalityId: string;
  name: string;
  createdAt: string;
}

/** Which kitchen cooks for a school: one kitchen per school. */
export interface CanteenKitchenSchoolsTable {
  structureId: string;
  kitchenId: string;
}

/** A kitchen's menu of one day, a draft until the agents publish it. */
export interface CanteenMenuDaysTable {
  id: string;
  kitchenId: string;
  day: string;
  status: 'draft' | 'published';
  publishedAt: string | null;
  updatedBy: string;
  updatedAt: string;
}

/** One dish of a day's menu. */
export interface CanteenDishesTable {
  id: string;
  menuDayId: string;
  /** entree, main, side, dairy, dessert, snack (see menus.ts). */
  course: string;
  name: string;
  /** Comma-separated codes of the 14 regulated allergens (EU regulation 1169/2011, annex II). */
  allergens: string;
  /** Comma-separated labels: organic, local, quality (SIQO), homemade, vegetarian. */
  labels: string;
  /** none, pork, meat, fish: what a diet may refuse. */
  protein: string;
  /** 0/1: this main dish is the day's vegetarian option (the alternative to the main dish). */
  alternative: number;
  /** What the kitchen paid for the dish's products, in cents excluding tax, when it records it. */
  purchaseCents: number | null;
  position: number;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    canteenKitchens: CanteenKitchensTable;
    canteenKitchenSchools: CanteenKitchenSchoolsTable;
    canteenMenuDays: CanteenMenuDaysTable;
    canteenDishes: CanteenDishesTable;
    canteenServices: CanteenServicesTable;
    canteenClosures: CanteenClosuresTable;
    canteenTerms: CanteenTermsTable;
    canteenRegistrations: CanteenRegistrationsTable;
    canteenDayCounters: CanteenDayCountersTable;
    canteenBookings: CanteenBookingsTable;
    canteenBookingHistory: CanteenBookingHistoryTable;
    canteenAttendance: CanteenAttendanceTable;
  }
}
