import { TIME_INCRS, timeTicks, timeValue } from './chartTime';

const at = Date.UTC(2026, 11, 6, 14, 58, 20) / 1000;
const local = new Date(at * 1000);
const hh = String(local.getHours()).padStart(2, '0');
const mm = String(local.getMinutes()).padStart(2, '0');

test('tick labels use a 24-hour clock, with seconds only for ticks under a minute apart', () => {
  expect(timeTicks('en')(null, [at], 0, 50, 600)).toEqual([`${hh}:${mm}`]);
  expect(timeTicks('en')(null, [at], 0, 50, 10)).toEqual([`${hh}:${mm}:20`]);
  expect(timeTicks('zh')(null, [at], 0, 50, 600)).toEqual([`${hh}:${mm}`]);
});

test('the legend gives the date and time in the page language, -- without a point', () => {
  expect(timeValue('zh')(null, at)).toContain('2026年12月');
  expect(timeValue('zh')(null, at)).toContain(`${hh}:${mm}:20`);
  expect(timeValue('en')(null, at)).toContain('2026');
  expect(timeValue('en')(null, at)).not.toMatch(/am|pm/i);
  expect(timeValue('en')(null, null)).toBe('--');
});

test('two neighbouring ticks never share a label, at every spacing the axis may pick', () => {
  for (const lang of ['en', 'zh']) {
    for (const incr of TIME_INCRS) {
      const [a, b] = timeTicks(lang)(null, [at, at + incr], 0, 50, incr);
      expect(a, `${lang}, ${incr} s apart`).not.toBe(b);
    }
  }
});
