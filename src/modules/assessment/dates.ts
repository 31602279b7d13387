export { isDate, todayInParis, addDays, parisLocalToIso, isoToParisLocal } from '../../kernel/dates.js';
