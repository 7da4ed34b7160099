import { countBarsSpec, percentBarsSpec } from '../../analysis/charts';

const groupColour = (spec: unknown) =>
  spec as { encoding?: { color?: { scale?: unknown } }; layer?: Array<{ encoding?: { color?: { scale?: unknown } } }> };
const scaleOf = (spec: unknown) => {
  const s = groupColour(spec);
  return s.encoding?.color?.scale ?? s.layer?.find((layer) => layer.encoding?.color?.scale)?.encoding?.color?.scale;
};
const groups = (count: number) => Array.from({ length: count }, (_, i) => `Area ${i + 1}`);

describe('group colours in charts', () => {
  test.each([
    [2, 'range'],
    [6, 'range'],
    [14, 'scheme'],
  ])('when %i groups are drawn, then their colours come from the %s that has one for each', (count, kind) => {
    const percent = percentBarsSpec(
      groups(count).map((group) => ({ option: 'Yes', group, percent: 50, low: 40, high: 60 })),
      true,
    );
    const counts = countBarsSpec(
      groups(count).map((group) => ({ band: 'Under 1 hour', group, count: 3 })),
      true,
    );
    for (const spec of [percent, counts]) expect(Object.keys(scaleOf(spec) as object)).toEqual([kind]);
  });
});
