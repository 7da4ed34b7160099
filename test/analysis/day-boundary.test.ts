import { dayBoundary } from '../../analysis/day-boundary';

describe('dayBoundary', () => {
  test.each([
    ['a bare date opening a range', '2024-05-31', 'start', '2024-05-31T00:00:00.000Z'],
    ['a bare date closing a range', '2024-05-31', 'end', '2024-05-31T23:59:59.999Z'],
    ['a date-time opening a range', '2024-05-31T10:15:00Z', 'start', '2024-05-31T10:15:00.000Z'],
    ['a date-time closing a range', '2024-05-31T10:15:00Z', 'end', '2024-05-31T10:15:00.000Z'],
    ['a date-time with an offset', '2024-05-31T10:15:00+01:00', 'start', '2024-05-31T09:15:00.000Z'],
  ] as const)('when the value is %s, then it is the instant %s', (_, value, edge, expected) => {
    expect(dayBoundary(value, edge)!.toISOString()).toBe(expected);
  });

  test.each(['', 'tomorrow', '2024-13-45', '31/05/2024x'])(
    'when the value is %p, then it is not a date (null)',
    (value) => {
      expect(dayBoundary(value, 'start')).toBeNull();
    },
  );
});
