import { analysisConfigSchema, DEFAULT_MINIMUM_BASE } from '../../analysis/analysis-config';

describe('analysisConfigSchema', () => {
  test('when every setting is given, then the settings are accepted as written', () => {
    const config = {
      groupBy: 'role',
      bands: {
        hours: [
          { label: 'Under 1 hour', to: 1, includeTo: false },
          { label: '1 hour or more', from: 1 },
        ],
      },
      places: ['Ayr', 'Leith'],
      nps: ['recommend'],
      minimumBase: 5,
    };
    expect(analysisConfigSchema.parse(config)).toEqual(config);
    expect(analysisConfigSchema.parse({})).toEqual({});
  });

  test.each([
    ['an unknown setting', { groupby: 'role' }, []],
    ['a band without a label', { bands: { hours: [{ to: 1 }] } }, ['bands', 'hours', 0, 'label']],
    ['a question with no bands', { bands: { hours: [] } }, ['bands', 'hours']],
    ['a one-letter place name', { places: ['A'] }, ['places', 0]],
    ['a minimum base of 1', { minimumBase: 1 }, ['minimumBase']],
    ['a fractional minimum base', { minimumBase: 7.5 }, ['minimumBase']],
    ['a minimum base over 1,000', { minimumBase: 1001 }, ['minimumBase']],
  ])('when the settings have %s, then they are refused, naming where', (_, config, path) => {
    const result = analysisConfigSchema.safeParse(config);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(path);
  });

  test('when no minimum base is set, then the default is 10', () => {
    expect(DEFAULT_MINIMUM_BASE).toBe(10);
  });
});
