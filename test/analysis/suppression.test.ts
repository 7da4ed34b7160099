// Keeps the shipped survey on purpose: it checks disclosure control on the joint review's own figures (159
// answers, the shipped distribution), e.g. that the national 97% of 33 CQLs stays published.
import fs from 'node:fs';
import path from 'node:path';
import type { PublishedStats } from '../../analysis/published-stats';
import { computeSurveyStats } from '../../analysis/survey-stats';
import { suppressSmallNumbers, withholdSmallGroups } from '../../analysis/suppression';
import definition from '../../surveys/gp-quality-clusters-2024.json';
import distribution from '../../surveys/gp-quality-clusters-2024.distribution.json';
import analysis from '../../surveys/gp-quality-clusters-2024.analysis.json';

type Json = Record<string, any>;

const survey = {
  slug: 's',
  title: 'S',
  definition: definition as Record<string, unknown>,
  distribution,
  analysis: analysis as never,
};
const rows = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', 'surveys', 'demo', 'joint-review-159.json'), 'utf8'),
) as Array<Record<string, unknown>>;
async function* stream(items: Array<Record<string, unknown>>) {
  for (const { id: _id, ...data } of items) yield { data, complete: true, submittedAt: '2024-05-20T10:00:00.000Z' };
}
const statsOf = (items: Array<Record<string, unknown>>, by?: string) =>
  computeSurveyStats(survey, stream(items), { by });

/** Independent check: every shown count is 0 or at least the threshold; no line that adds up to a shown total has exactly one hidden cell. */
function assertNothingRecoverable(stats: PublishedStats, threshold: number) {
  const problems: string[] = [];
  const shownCount = (cell: Json, where: string) => {
    if (cell.suppressed) {
      if ('count' in cell || 'percent' in cell || 'ci95' in cell || 'responses' in cell)
        problems.push(`${where}: hidden cell still carries a number`);
    } else if (typeof cell.count === 'number' && cell.count > 0 && cell.count < threshold)
      problems.push(`${where}: ${cell.count} shown`);
  };
  for (const [name, q] of Object.entries(stats.questions as Record<string, Json>)) {
    const blocks: Array<[string, Json]> = [['all', q], ...Object.entries((q.groups ?? {}) as Record<string, Json>)];
    const part = q.kind === 'number' ? 'bands' : q.kind === 'text' ? null : 'options';
    if (!part) continue;
    for (const [label, block] of blocks) {
      (block[part] as Json[]).forEach((cell, i) => shownCount(cell, `${name}/${label}/${i}`));
      const hidden = (block[part] as Json[]).filter((cell) => cell.suppressed).length;
      const partition = q.kind !== 'multi';
      if (partition && !block.suppressed && hidden === 1)
        problems.push(`${name}/${label}: one hidden cell in a shown total`);
    }
    if (blocks.length > 1) {
      (q[part] as Json[]).forEach((_, row) => {
        const hidden = blocks.filter(([, block]) => (block[part] as Json[])[row]!.suppressed).length;
        if (hidden === 1) problems.push(`${name} row ${row}: one hidden cell across groups`);
      });
      const sizeKey = q.kind === 'number' ? 'n' : 'answered';
      const hiddenSizes = blocks.filter(([, block]) => block.suppressed || !(sizeKey in block)).length;
      if (hiddenSizes === 1) problems.push(`${name}: one hidden group size`);
    }
  }
  const areas = Object.entries(stats.responses.byLmc as Record<string, Json>);
  for (const [code, area] of areas) {
    if (!area.suppressed && area.responses > 0 && area.responses < threshold)
      problems.push(`${code}: ${area.responses} shown`);
  }
  if (areas.filter(([, area]) => area.suppressed).length === 1) problems.push('one hidden LMC');
  expect(problems).toEqual([]);
}

describe('small-number suppression', () => {
  test('when the joint review is published by role, then no count from 1 to 4 shows and none can be worked out', async () => {
    const published = suppressSmallNumbers(await statsOf(rows, 'role'), 5);
    expect(published.suppression).toEqual({ rule: 'cell', threshold: 5 });
    assertNothingRecoverable(published, 5);
    // One CQL member said no (1 of 33): hidden, and the 32 beside it too, or 33 - 32 would give it away.
    const member = published.questions.cql_network_member as unknown as Json;
    expect(member.groups.cql.options).toEqual([
      { value: 'yes', label: 'Yes', suppressed: true },
      { value: 'no', label: 'No', suppressed: true },
    ]);
    // Four LMCs have under 5 responses: hidden, with no single one left to subtract.
    for (const code of ['borders', 'orkney', 'shetland', 'western-isles']) {
      expect(published.responses.byLmc[code]).toEqual({
        name: expect.any(String),
        practices: expect.any(Number),
        suppressed: true,
      });
    }
    expect(published.responses.byLmc.glasgow).toMatchObject({ responses: 38 });
  });

  test('when one large and one small group answer, then both groups are hidden but the overall figure shows', async () => {
    const few = rows
      .filter((row) => row.role === 'pql')
      .slice(0, 40)
      .concat(rows.filter((row) => row.role === 'cql').slice(0, 3));
    const published = suppressSmallNumbers(await statsOf(few, 'role'), 5);
    const plt = published.questions.plt_barrier as unknown as Json;
    expect(plt.groups.cql.suppressed).toBe(true);
    expect(plt.groups.cql.answered).toBeUndefined();
    expect(plt.groups.pql.suppressed).toBe(true);
    expect(plt.suppressed).toBeUndefined();
    const hours = published.questions.hours_per_week as unknown as Json;
    expect(hours.groups.cql).toMatchObject({ suppressed: true });
    expect(hours.groups.cql.mean).toBeUndefined();
    assertNothingRecoverable(published, 5);
  });

  test('when staff analyse without suppression, then every count shows and the JSON says so', async () => {
    const stats = await statsOf(rows, 'role');
    expect(stats.suppression).toBeNull();
    expect(stats.responses.byLmc.shetland).toMatchObject({ responses: 2 });
  });

  test('when the threshold is raised to 10, then counts up to 9 are hidden', async () => {
    const published = suppressSmallNumbers(await statsOf(rows), 10);
    assertNothingRecoverable(published, 10);
    expect(published.responses.byLmc.fife).toMatchObject({ suppressed: true });
  });

  test('when there are no responses, then suppression still gives defined output', async () => {
    const published = suppressSmallNumbers(await statsOf([], 'role'), 5);
    expect(JSON.stringify(published)).not.toMatch(/NaN|Infinity/);
    expect(published.responses.total).toBe(0);
  });
});

/** Independent check of the survey rule: every shown block describes 0 or at least `base` respondents, and no question or area list hides exactly one group. */
function assertNoSmallGroupShown(stats: PublishedStats, base: number) {
  const problems: string[] = [];
  for (const [name, q] of Object.entries(stats.questions as Record<string, Json>)) {
    const sizeKey = q.kind === 'number' ? 'n' : 'answered';
    const blocks: Array<[string, Json]> = [['all', q], ...Object.entries((q.groups ?? {}) as Record<string, Json>)];
    for (const [label, block] of blocks) {
      if (block.suppressed) {
        const { groups: _groups, ...own } = block;
        if (sizeKey in own || JSON.stringify(own).match(/"(count|percent|mean|median)":/))
          problems.push(`${name}/${label}: withheld block still carries a figure`);
      } else if (block[sizeKey] > 0 && block[sizeKey] < base)
        problems.push(`${name}/${label}: base ${block[sizeKey]} shown`);
    }
    if (blocks.length > 1 && blocks.filter(([, block]) => block.suppressed).length === 1)
      problems.push(`${name}: one withheld group`);
  }
  const areas = Object.entries(stats.responses.byLmc as Record<string, Json>);
  for (const [code, area] of areas)
    if (!area.suppressed && area.responses > 0 && area.responses < base)
      problems.push(`${code}: ${area.responses} shown`);
  if (areas.filter(([, area]) => area.suppressed).length === 1) problems.push('one withheld LMC');
  expect(problems).toEqual([]);
}

describe('the survey publication rule (minimum base)', () => {
  test.each([
    ['role', 10],
    ['lmc', 10],
    ['lmc', 20],
    ['role', 50],
  ])(
    'when the joint review is published by %s with a minimum base of %d, then no group below it shows and none can be worked out',
    async (by, base) => {
      const published = withholdSmallGroups(await statsOf(rows, by), base);
      expect(published.suppression).toEqual({ rule: 'minimum-base', threshold: base });
      assertNoSmallGroupShown(published, base);
    },
  );

  test('when the joint review is published by role with the default base, then the national 97% of 33 CQLs stays and cells of any size are shown', async () => {
    const published = withholdSmallGroups(await statsOf(rows, 'role'), 10);
    const member = published.questions.cql_network_member as unknown as Json;
    expect(member.answered).toBe(33);
    expect(member.options).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ value: 'no', count: 1 }),
        expect.objectContaining({ value: 'yes', count: 32 }),
      ]),
    );
    expect(member.groups.cql.suppressed).toBeUndefined();
  });

  test('when one group falls below the base, then a second is withheld with it so the first cannot be worked out from the total', async () => {
    // 12 CQLs and 5 PQLs: PQLs are below 10, and CQLs = total - PQLs, so the CQL block is withheld too.
    const few = [
      ...rows.filter((row) => row.role === 'cql').slice(0, 12),
      ...rows.filter((row) => row.role === 'pql').slice(0, 5),
    ];
    const published = withholdSmallGroups(await statsOf(few, 'role'), 10);
    const question = published.questions.plt_barrier as unknown as Json;
    expect(question.groups.pql.suppressed).toBe(true);
    expect(question.groups.cql.suppressed).toBe(true);
    // The total (16 of the 17 answered this question) is at or above the base, so it is published.
    expect(question.answered).toBe(16);
    assertNoSmallGroupShown(published, 10);
  });

  test('when the groups a test compares are withheld, then the test is withheld with them; with both groups shown it stays', async () => {
    // One CQL and one PQL: a Mann-Whitney U of 1 or 0 would say whose hours were higher.
    const two = [rows.find((row) => row.role === 'cql')!, rows.find((row) => row.role === 'pql')!];
    const stats = await statsOf(two, 'role');
    expect((stats.questions.hours_per_week as unknown as Json).test).not.toBeNull();
    const published = withholdSmallGroups(stats, 10);
    for (const name of ['hours_per_week', 'plt_barrier'])
      expect([name, (published.questions[name] as unknown as Json).test]).toEqual([name, null]);
    const all = withholdSmallGroups(await statsOf(rows, 'role'), 10);
    expect((all.questions.hours_per_week as unknown as Json).test).not.toBeNull();
  });
});
