const mon = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
const wkday = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
// 60 is a leap second (RFC 5322); setUTCHours counts it as the next second.
const hms = '(?<h>[01]\\d|2[0-3]):(?<i>[0-5]\\d):(?<s>[0-5]\\d|60)';
/** The HTTP-date forms of RFC 9110 §5.6.7, with named groups (d)ay, (m)onth, (y)ear, h, (i), s. */
const httpDates = [
  // IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`.
  `${wkday}, (?<d>\\d\\d) (?<m>${mon}) (?<y>\\d{4}) ${hms} GMT`,
  // Obsolete rfc850-date: `Sunday, 06-Nov-94 08:49:37 GMT`.
  `(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (?<d>\\d\\d)-(?<m>${mon})-(?<y>\\d\\d) ${hms} GMT`,
  // Obsolete asctime-date: `Sun Nov  6 08:49:37 1994` (GMT by definition, without saying so).
  `${wkday} (?<m>${mon}) (?<d>[ \\d]\\d) ${hms} (?<y>\\d{4})`,
].map((form) => new RegExp(`^${form}$`));

/**
 * An HTTP-date (RFC 9110 §5.6.7: IMF-fixdate, or the obsolete rfc850 and asctime formats) in ms
 * since the epoch, always GMT; `undefined` for anything else, including an impossible date
 * (31 Feb). Not Date.parse: it rolls 31 Feb over to March, reads 23:59:60 as 23:59:00, year 0094
 * as 1994, an asctime date as local time, and takes many strings that are no HTTP date at all.
 * `now` places a two-digit rfc850 year in its century.
 */
export function parseHttpDate(value: string, now: number): number | undefined {
  let fields: Record<'d' | 'm' | 'y' | 'h' | 'i' | 's', string> | undefined;
  for (const form of httpDates) fields ??= form.exec(value)?.groups as typeof fields;
  if (!fields) return undefined;
  const { d, m, y, h, i, s } = fields;
  const day = Number(d);
  let year = Number(y);
  if (y.length < 3) {
    // A two-digit year more than 50 years ahead is the latest past year with those digits.
    const thisYear = new Date(now).getUTCFullYear();
    year += thisYear - (thisYear % 100);
    if (year > thisYear + 50) year -= 100;
  }
  // setUTCFullYear, not Date.UTC, which reads years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, mon.indexOf(m) / 4, day);
  // A day past the month's end (31 Feb) rolls over to another day of the month.
  return date.getUTCDate() === day ? date.setUTCHours(+h, +i, +s) : undefined;
}
