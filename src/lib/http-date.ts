const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const MONTH = MONTHS.join('|');
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
/** RFC 9110 §5.6.7: `Sun, 06 Nov 1994 08:49:37 GMT`, the only form a sender may generate. */
const IMF_FIXDATE = new RegExp(`^(${DAYS.join('|')}), (\\d{2}) (${MONTH}) (\\d{4}) ${TIME} GMT$`);
/** Obsolete forms a recipient must still accept: `Sunday, 06-Nov-94 08:49:37 GMT` and asctime's `Sun Nov  6 08:49:37 1994`. */
const RFC850 = new RegExp(`^(${LONG_DAYS.join('|')}), (\\d{2})-(${MONTH})-(\\d{2}) ${TIME} GMT$`);
const ASCTIME = new RegExp(`^(${DAYS.join('|')}) (${MONTH}) ([ \\d]\\d) ${TIME} (\\d{4})$`);

function build(year: number, month: string, day: number, hour: number, minute: number, second: number): Date | undefined {
  const monthIndex = MONTHS.indexOf(month);
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const date = new Date(Date.UTC(year, monthIndex, day, hour, minute, Math.min(second, 59)));
  // Date.UTC rolls 31 Feb over into March; a date that does not exist is not a date.
  return date.getUTCDate() === day && date.getUTCMonth() === monthIndex ? date : undefined;
}

/**
 * Parses an HTTP-date in any of the three forms RFC 9110 §5.6.7 tells recipients to accept; `undefined` when the
 * text is none of them, names a day that does not exist, or gives the wrong weekday. Two-digit rfc850 years that
 * would land more than 50 years ahead are taken as the past century, as the RFC asks.
 */
export function parseHttpDate(text: string): Date | undefined {
  const parsed = readImfFixdate(text) ?? readRfc850(text) ?? readAsctime(text);
  return parsed?.date && parsed.date.getUTCDay() === parsed.weekday ? parsed.date : undefined;
}

interface Parsed {
  date: Date | undefined;
  weekday: number;
}

function readImfFixdate(text: string): Parsed | undefined {
  const match = IMF_FIXDATE.exec(text);
  if (!match) return undefined;
  const [, day = '', dd, month = '', yyyy, hh, mm, ss] = match;
  return { weekday: DAYS.indexOf(day), date: build(Number(yyyy), month, Number(dd), Number(hh), Number(mm), Number(ss)) };
}

function readRfc850(text: string): Parsed | undefined {
  const match = RFC850.exec(text);
  if (!match) return undefined;
  const [, day = '', dd, month = '', yy, hh, mm, ss] = match;
  const thisYear = new Date().getUTCFullYear();
  let year = Math.floor(thisYear / 100) * 100 + Number(yy);
  if (year > thisYear + 50) year -= 100;
  return { weekday: LONG_DAYS.indexOf(day), date: build(year, month, Number(dd), Number(hh), Number(mm), Number(ss)) };
}

function readAsctime(text: string): Parsed | undefined {
  const match = ASCTIME.exec(text);
  if (!match) return undefined;
  const [, day = '', month = '', dd = '', hh, mm, ss, yyyy] = match;
  return { weekday: DAYS.indexOf(day), date: build(Number(yyyy), month, Number(dd.trim()), Number(hh), Number(mm), Number(ss)) };
}

/** The IMF-fixdate form every sender must generate (`Date#toUTCString` produces exactly it). */
export function formatHttpDate(date: Date): string {
  return date.toUTCString();
}
