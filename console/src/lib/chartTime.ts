// Time on the charts' x axis and in their legends in the page's language and a 24-hour clock, instead of uPlot's
// own English templates ("12/6/26 2:58am").

/**
 * The charts' padding: room on the right for the last tick's label, which uPlot centres on its tick. uPlot's own right
 * padding (half the y axis' width, 25 px) cut a label with seconds ("03:07:10") at the canvas' edge. Null: uPlot's own.
 */
export const TIME_CHART_PADDING: [null, number, null, null] = [null, 36, null, null];

/** Tick spacings, seconds: whole seconds at the least (uPlot would go down to milliseconds on a short period). */
export const TIME_INCRS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** Tick labels: hours and minutes, with seconds when the ticks are less than a minute apart, dates a day or more. */
export function timeTicks(locale: string): (u: unknown, splits: number[], axisIdx: number, space: number, incr: number) => string[] {
  const minutes = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const seconds = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const days = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' });
  return (_u, splits, _axisIdx, _space, incr) =>
    splits.map((s) => (incr < 60 ? seconds : incr < 86400 ? minutes : days).format(s * 1000));
}

/** The legend's time of the point under the cursor: date and time. */
export function timeValue(locale: string): (u: unknown, value: number | null) => string {
  const full = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' });
  return (_u, value) => (value == null ? '--' : full.format(value * 1000));
}
