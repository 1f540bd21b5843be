import { formatDuration, formatReading } from './format';

test('readings: whole numbers as they are, fractions to 3 decimals or 3 significant digits, never grouped', () => {
  expect(formatReading(31337, 'en')).toBe('31337');
  expect(formatReading(1000001819, 'en')).toBe('1000001819');
  expect(formatReading(1.1666666666666667, 'en')).toBe('1.167');
  expect(formatReading(4.439373, 'en')).toBe('4.439');
  expect(formatReading(12345.6789, 'en')).toBe('12345.679');
  expect(formatReading(0.7660000324249268, 'en')).toBe('0.766');
  expect(formatReading(0.017857142857142856, 'en')).toBe('0.0179');
  expect(formatReading(-2.5, 'en')).toBe('-2.5');
  expect(formatReading(Number.NaN, 'en')).toBe('NaN');
  expect(formatReading(null)).toBe('—');
});

test('durations in two units at most, in the page\'s language', () => {
  expect(formatDuration(42, 'en')).toBe('42 s');
  expect(formatDuration(76, 'en')).toBe('1 min 16 s');
  expect(formatDuration(86_340, 'en')).toBe('23 h 59 min');
  expect(formatDuration(76, 'zh')).toBe('1 分 16 秒');
  expect(formatDuration(86_340, 'zh-CN')).toBe('23 小时 59 分');
  expect(formatDuration(76)).toBe('1 min 16 s');
  expect(formatDuration(null, 'zh')).toBe('—');
});
