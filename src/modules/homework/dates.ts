export { DATE, TIME, isDate, todayInParis, addDays, mondayOf, parisLocalToIso, isoToParisLocal } from '../../kernel/dates.js';
