const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function utc(year: number, monthIndex: number, day: number, ms = 0): Date {
  const date = new Date(ms);
  date.setUTCFullYear(year, monthIndex, day); // unlike Date.UTC, years 0–99 stay themselves
  return date;
}

/**
 * A YYYY-MM-DD day as the UTC instants it starts and ends at, or why it isn't a real calendar day
 * (month 13, 30 February, 9999-99-99, "yesterday"): JavaScript's Date would roll those over or go invalid.
 */
export function parseCalendarDay(text: string): { start: Date; end: Date } | { error: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return { error: `"${text.slice(0, 20)}" is not a date: use YYYY-MM-DD, e.g. 2026-11-24.` };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) return { error: `${text} is not a date: there is no month ${match[2]}.` };
  const daysInMonth = utc(year, month, 0).getUTCDate();
  if (day < 1 || day > daysInMonth) return { error: `${text} is not a date: ${MONTHS[month - 1]} ${year} has ${daysInMonth} days.` };
  return { start: utc(year, month - 1, day), end: utc(year, month - 1, day, 86_400_000 - 1) };
}
