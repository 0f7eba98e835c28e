/**
 * Calendar days in Europe/Berlin, the one time zone of the product (filters, reports, link expiry, weekly counts).
 * One algorithm for every day boundary: the zone's offset from Intl at the instant itself, so DST days (23 and 25
 * hours) end where they really end.
 */

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const OFFSET_FORMAT = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Berlin',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Milliseconds Europe/Berlin is ahead of UTC at instant `at` (+1 h in winter, +2 h in summer). */
function berlinOffsetMs(at: number): number {
  const parts = OFFSET_FORMAT.formatToParts(new Date(at));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

/** Midnight at the start of the day `YYYY-MM-DD` (+ `plusDays`) in Europe/Berlin, as an instant. */
export function berlinDayStart(day: string, plusDays = 0): Date {
  const m = DAY_PATTERN.exec(day);
  if (!m) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
  const wallMidnight = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays);
  // Two steps: the offset at the guessed instant, then at the corrected one (DST changes at 02:00/03:00, never at midnight).
  const guess = wallMidnight - berlinOffsetMs(wallMidnight);
  return new Date(wallMidnight - berlinOffsetMs(guess));
}

/** The first instant after the day `YYYY-MM-DD` in Europe/Berlin (exclusive upper bound of "through that day"). */
export function berlinDayEnd(day: string): Date {
  return berlinDayStart(day, 1);
}

/** The last millisecond of the day `YYYY-MM-DD` in Europe/Berlin: an <input type=date> means "through that day". */
export function endOfDayBerlin(day: string): Date {
  return new Date(berlinDayEnd(day).getTime() - 1);
}

/** Today's date in Europe/Berlin as `YYYY-MM-DD`. */
export function todayBerlin(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(now);
}
