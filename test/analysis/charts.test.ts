import { bandBarsSpec, percentBarsSpec, renderChart } from '../../analysis/charts';

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
    const counts = bandBarsSpec(
      groups(count).map((group) => ({ band: 'Under 1 hour', group, count: 3, percent: 30 })),
      true,
    );
    for (const spec of [percent, counts]) expect(Object.keys(scaleOf(spec) as object)).toEqual([kind]);
  });
});

describe('charts drawn for a phone', () => {
  const widthOf = (svg: string) => Number(/<svg[^>]* width="([\d.]+)"/.exec(svg)![1]);
  const bars = (labels: string[], groupNames: string[]) =>
    labels.flatMap((option) => groupNames.map((group) => ({ option, group, percent: 60, low: 50, high: 70 })));

  test.each([
    [
      'two long group names',
      bars(['More time if resourced'], ['Cluster Quality Lead (CQL)', 'Practice Quality Lead (PQL)']),
    ],
    ['fourteen areas', bars(['Yes'], ['Greater Glasgow & Clyde', 'Dumfries & Galloway', ...groups(12)])],
    ['long answers in capitals', bars(['WORKLOAD AND HOURS WORKED', 'DATA'], ['CQLs', 'PQLs'])],
  ])('when a chart of %s is drawn narrow, then it fits a phone with its labels as drawn', async (_, data) => {
    const chart = await renderChart(percentBarsSpec(data, true), 'alt', { narrow: true });
    // Shown in a 366 px figure, its 12 px labels shrink by under a twentieth (only the longest labels, beside the
    // narrowest plot drawn, shrink at all).
    expect(366 / widthOf(chart.narrowSvg!)).toBeGreaterThan(0.95);
    expect(widthOf(chart.narrowSvg!)).toBeLessThan(widthOf(chart.svg));
  });

  test('when a chart is drawn without asking for a narrow one, then it has none', async () => {
    expect((await renderChart(percentBarsSpec(bars(['Yes'], ['CQLs']), true), 'alt')).narrowSvg).toBeUndefined();
  });
});

describe('answers in bands', () => {
  const bars = [
    { band: '1 to 4 hours', group: 'PQLs', count: 90, percent: 79.6 },
    { band: '1 to 4 hours', group: 'CQLs', count: 20, percent: 43.5 },
  ];
  test.each([
    ['several groups', true, 'percent', '% of those who answered'],
    ['one group', false, 'count', 'Respondents'],
  ])('when the bands of %s are drawn (grouped %s), then the bars show the %s', (_, grouped, field, title) => {
    const spec = bandBarsSpec(grouped ? bars : bars.slice(0, 1), grouped) as { encoding: { y: object } };
    expect(spec.encoding.y).toMatchObject({ field, title });
  });
});
