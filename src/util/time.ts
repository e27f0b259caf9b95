const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function relativeFormat(locale: string): Intl.RelativeTimeFormat {
  let rtf = relativeFormats.get(locale);
  if (!rtf) relativeFormats.set(locale, (rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })));
  return rtf;
}

function dateFormat(locale: string): Intl.DateTimeFormat {
  let dtf = dateFormats.get(locale);
  if (!dtf) dateFormats.set(locale, (dtf = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' })));
  return dtf;
}

/**
 * Builds the formatters for a locale ahead of need. Each costs milliseconds the first
 * time (the browser loads its locale data), which is better spent while the page is
 * idle than while a thread is first shown.
 */
export function prepareTimeFormats(locale: string): void {
  relativeFormat(locale);
  dateFormat(locale);
}

/** "3 years ago", "yesterday", "now": the largest unit that fits. */
export function relativeTime(date: Date, now: number, locale: string): string {
  const rtf = relativeFormat(locale);
  const seconds = (date.getTime() - now) / 1000;
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.trunc(seconds / size), unit);
  }
  return rtf.format(0, 'second');
}

/** The full date and time, for the title of a `<time>`. */
export function fullDate(date: Date, locale: string): string {
  return dateFormat(locale).format(date);
}

/** The date a record's `createdAt` names, or null when it names none. */
export function parseDate(value: string): Date | null {
  if (!value || value.length > 64) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
