import type {
  PublishedChoiceBlock,
  PublishedChoiceStats,
  PublishedNumberBlock,
  PublishedNumberStats,
  PublishedQuestionStats,
} from '../../analysis/published-stats';
import {
  cellText as cellTextAs,
  describeTest,
  fixedText,
  intervalText,
  notAsked,
  numberText,
  percentText,
  titled,
} from '../../analysis/stats-format';
import { groupKeys, groupName, WITHHELD, type ReportContext } from './report-wording';

export interface AppendixTable {
  name: string;
  title: string;
  columns: string[];
  rows: Array<{ label: string; cells: string[] }>;
  base: string;
  test: string | null;
}

const WITHHELD_BLOCK = { suppressed: true } as const;
/** Said under a table with withheld cells, so that a reader knows why they are empty: what the rule in force withholds. */
const suppressedNote = (context: ReportContext, someShown: boolean) =>
  context.stats.suppression?.rule === 'cell'
    ? ` Cells marked “${WITHHELD}” are not published under the disclosure rule given in the methods: small counts, and any count from which one could be worked out.`
    : ` Cells marked “${WITHHELD}” are not published under the disclosure rule given in the methods: nothing is published about a group smaller than the minimum base.${someShown ? ' A small count within a larger group is shown, as published survey tables show it.' : ''}`;
const withheld = (value: number | undefined) => (value === undefined ? WITHHELD : String(value));
const cellText = (cell: Parameters<typeof cellTextAs>[0]) => cellTextAs(cell, WITHHELD);

/** The overall block, then each group's in the grouping's order (withheld where the group has none). */
function columnsAndBlocks<B>(question: B & { groups?: Record<string, B> }, context: ReportContext, empty: B) {
  const keys = groupKeys(context.stats);
  return {
    columns: ['All', ...keys.map((key) => groupName(context.definition, key))],
    blocks: [question as B, ...keys.map((key) => question.groups?.[key] ?? empty)],
  };
}

const NUMBER_MEASURES = [
  ['n', 'Answered'],
  ['mean', 'Mean'],
  ['sd', 'SD'],
  ['median', 'Median'],
  ['q1', 'Lower quartile'],
  ['q3', 'Upper quartile'],
  ['min', 'Minimum'],
  ['max', 'Maximum'],
] as const;

function numberTable(name: string, question: PublishedNumberStats, context: ReportContext): AppendixTable {
  const { columns, blocks } = columnsAndBlocks<PublishedNumberBlock>(question, context, {
    ...WITHHELD_BLOCK,
    histogram: [],
    bands: [],
  });
  return {
    name,
    title: question.title,
    columns,
    rows: [
      ...NUMBER_MEASURES.map(([key, label]) => ({
        label,
        cells: blocks.map((block) =>
          block.suppressed ? WITHHELD : notAsked(block) ? 'not asked' : numberText(block[key]),
        ),
      })),
      ...question.bands.map((band, i) => ({
        label: band.label,
        cells: blocks.map((block) => (notAsked(block) ? 'not asked' : cellText(block.bands[i]))),
      })),
    ],
    base: `All who answered; quartiles by ${question.quartileMethod}.${
      blocks.some((block) => block.suppressed)
        ? suppressedNote(
            context,
            blocks.some((block) => !block.suppressed && (block.n ?? 0) > 0),
          )
        : ''
    }`,
    test: describeTest(question.test),
  };
}

function choiceTable(name: string, question: PublishedChoiceStats, context: ReportContext): AppendixTable {
  const { columns, blocks } = columnsAndBlocks<PublishedChoiceBlock>(question, context, {
    ...WITHHELD_BLOCK,
    options: [],
  });
  const npsRow = question.nps
    ? [
        {
          label: 'Net Promoter Score',
          cells: [
            ...blocks.map((block) => (block.nps && !block.suppressed ? block.nps.score.toFixed(1) : '–')),
            intervalText(question.nps.ci95),
          ],
        },
      ]
    : [];
  const rows = [
    ...question.options.map((option, i) => ({
      label: option.label,
      // A group never shown the question (a CQL-only question among PQLs) was not asked: its zeros are not answers.
      cells: [
        ...blocks.map((block) =>
          block.suppressed ? WITHHELD : notAsked(block) ? 'not asked' : cellText(block.options[i]),
        ),
        intervalText(option.ci95),
      ],
    })),
    // An ordered scale: its mean, and for 0-10 likelihood to recommend, the Net Promoter Score.
    ...(question.scale
      ? [
          {
            label: 'Mean',
            cells: [
              ...blocks.map((block) => (block.scale && !block.suppressed ? fixedText(block.scale.mean) : '–')),
              '–',
            ],
          },
        ]
      : []),
    ...npsRow,
  ];
  return {
    name,
    title: question.title,
    columns: [...columns, '95% CI (all)'],
    rows,
    base: `Percentages of those who answered: ${blocks.map((block, b) => `${columns[b]} ${block.suppressed ? WITHHELD : notAsked(block) ? 'not asked' : (block.answered ?? 0)}`).join(', ')}. Not shown the question: ${question.notShown ?? WITHHELD}.${
      rows.some((row) => row.cells.includes(WITHHELD))
        ? suppressedNote(
            context,
            blocks.some((block) => !block.suppressed && (block.answered ?? 0) > 0),
          )
        : ''
    }`,
    test: describeTest(question.test),
  };
}

/** The appendix tables of one question: one for most, one per part for questions made of parts, none for free text. */
export function appendixTables(
  name: string,
  question: PublishedQuestionStats,
  context: ReportContext,
): AppendixTable[] {
  switch (question.kind) {
    case 'text':
      return [];
    case 'number':
      return [numberTable(name, question, context)];
    case 'matrix': {
      const options = question.rows[0]?.options ?? [];
      return [
        {
          name,
          title: question.title,
          columns: [...options.map((option) => option.label), 'Mean', 'Answered'],
          rows: question.rows.map((row) => ({
            label: row.label,
            cells: [
              ...row.options.map((cell) => (row.suppressed ? WITHHELD : cellText(cell))),
              row.scale && !row.suppressed ? fixedText(row.scale.mean) : '–',
              withheld(row.answered),
            ],
          })),
          base: 'Percentages of those who answered each statement.',
          test:
            question.rows
              .filter((row) => row.test)
              .map((row) => `${row.label}: ${describeTest(row.test)}`)
              .join('; ') || null,
        },
      ];
    }
    case 'ranking':
      return [
        {
          name,
          title: question.title,
          columns: ['Mean rank', 'Ranked first'],
          rows: question.options.map((option) => ({
            label: option.label,
            cells: option.suppressed
              ? [WITHHELD, WITHHELD]
              : [fixedText(option.meanRank), `${option.first} (${percentText(option.firstPercent)})`],
          })),
          base: `${withheld(question.answered)} ranked the options; a lower mean rank is nearer the top.`,
          test: null,
        },
      ];
    case 'items':
    case 'entries':
      return Object.entries(question.items).flatMap(([item, part]) =>
        appendixTables(`${name}.${item}`, { ...part, title: titled(question.title, part.title) }, context),
      );
    case 'unsupported':
      return [
        {
          name,
          title: question.title,
          columns: ['Answered'],
          rows: [{ label: 'Answers', cells: [withheld(question.answered)] }],
          base: question.note,
          test: null,
        },
      ];
    default:
      return [choiceTable(name, question, context)];
  }
}
