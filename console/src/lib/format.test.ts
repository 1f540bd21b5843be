import { formatReading } from './format';

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
