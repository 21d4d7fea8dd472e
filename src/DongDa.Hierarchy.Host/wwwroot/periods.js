// Period presets of the page: the whole term, its first half, a calendar year, a quarter, or custom dates.
import { TERM, FIRST_HALF, MAX_SERIES_MONTHS } from './settings.js';

export { TERM, FIRST_HALF, MAX_SERIES_MONTHS };

const pad = (n) => String(n).padStart(2, '0');
const lastDay = (year, month) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The period of a preset: "term", "half", "year:2021", "quarter:2021-3", or "custom:2021-01-01..2021-06-30". */
export function periodOf(preset) {
  if (preset === 'term') return { ...TERM };
  if (preset === 'half') return { ...FIRST_HALF };
  const [kind, value] = preset.split(':');
  if (kind === 'year' && /^\d{4}$/.test(value)) return { from: `${value}-01-01`, to: `${value}-12-31` };
  if (kind === 'quarter' && /^\d{4}-[1-4]$/.test(value)) {
    const [year, quarter] = value.split('-').map(Number);
    const first = (quarter - 1) * 3 + 1;
    return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(first + 2)}-${pad(lastDay(year, first + 2))}` };
  }
  if (kind === 'custom') {
    const [from, to] = (value ?? '').split('..');
    if (isDate(from) && isDate(to) && from <= to) return { from, to };
  }
  return null;
}

/** How many calendar months a period touches, counting partial first and last months. */
export function monthCount({ from, to }) {
  const [fromYear, fromMonth] = from.split('-').map(Number);
  const [toYear, toMonth] = to.split('-').map(Number);
  return (toYear - fromYear) * 12 + toMonth - fromMonth + 1;
}

/** The label of the month a date falls in, as the series' bars show it: "03/2021". */
export function monthLabel(date) {
  const [year, month] = date.split('-');
  return `${month}/${year}`;
}

export function isDate(text) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text ?? '')) return false;
  const [year, month, day] = text.split('-').map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= lastDay(year, month);
}
