import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import {
  blocksOf,
  type PublishedChoiceStats,
  type PublishedNumberStats,
  type PublishedQuestionStats,
  type PublishedRankingStats,
  type PublishedTextStats,
} from '../../analysis/published-stats';
import { neutraliseCell } from '../http/csv-safety';
import type { StaffStats } from './small-selection';

const text = (value: unknown) => (typeof value === 'string' ? neutraliseCell(value) : value);
const blank = (value: number | null | undefined) => value ?? '';

function choiceRows(question: PublishedChoiceStats) {
  return blocksOf(question).flatMap(([key, block]) =>
    block.options.map((option) => ({
      group: key ?? 'all',
      value: text(String(option.value)),
      label: text(option.label),
      answered: blank(block.answered),
      count: blank(option.count),
      percent: blank(option.percent),
      ci95_low: blank(option.ci95?.[0]),
      ci95_high: blank(option.ci95?.[1]),
      ...(question.scale
        ? {
            scale_mean: blank(block.scale?.mean),
            scale_median: blank(block.scale?.median),
            top_two_percent: blank(block.topTwoBox?.percent),
          }
        : {}),
      ...(question.nps
        ? {
            nps: blank(block.nps?.score),
            nps_ci95_low: blank(block.nps?.ci95?.[0]),
            nps_ci95_high: blank(block.nps?.ci95?.[1]),
          }
        : {}),
      suppressed: Boolean(option.suppressed),
    })),
  );
}

function rankingRows(question: PublishedRankingStats) {
  return question.options.map((option) => ({
    value: text(String(option.value)),
    label: text(option.label),
    mean_rank: blank(option.meanRank),
    ranked_first: blank(option.first),
    first_percent: blank(option.firstPercent),
    ...Object.fromEntries((option.places ?? []).map((count, place) => [`place_${place + 1}`, count])),
    suppressed: Boolean(option.suppressed),
  }));
}

const MEASURES = ['n', 'mean', 'sd', 'median', 'q1', 'q3', 'min', 'max', 'skipped', 'notShown'] as const;

function numberRows(question: PublishedNumberStats) {
  return blocksOf(question).flatMap(([key, block]) => [
    ...MEASURES.map((measure) => ({
      group: key ?? 'all',
      measure,
      label: '',
      value: blank(block[measure]),
      suppressed: Boolean(block.suppressed),
    })),
    ...block.bands.map((band) => ({
      group: key ?? 'all',
      measure: 'band',
      label: text(band.label),
      value: blank(band.count),
      suppressed: Boolean(band.suppressed),
    })),
  ]);
}

function textRows(question: PublishedTextStats) {
  return blocksOf(question).map(([key, block]) => ({
    group: key ?? 'all',
    answered: blank(block.answered),
    skipped: blank(block.skipped),
    not_shown: blank(block.notShown),
    share_percent: blank(block.share),
    median_length: blank(block.medianLength),
    suppressed: Boolean(block.suppressed),
  }));
}

/** One tidy CSV per question (question-<name>.csv), plus responses.csv (by LMC) and tests.csv; returns the files written. */
export function writeStatsCsv(stats: StaffStats, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const write = (name: string, rows: object[]) => {
    const file = path.join(dir, `${name}.csv`);
    fs.writeFileSync(file, stringify(rows, { header: true, cast: { boolean: (value) => String(value) } }));
    written.push(file);
  };
  write(
    'responses',
    Object.entries(stats.responses.byLmc).map(([code, area]) => ({
      area: code,
      name: text(area.name),
      responses: blank(area.responses),
      practices: area.practices,
      rate_percent: blank(area.rate),
      suppressed: Boolean(area.suppressed),
    })),
  );
  const tests: object[] = [];
  const writeQuestion = (name: string, question: PublishedQuestionStats): void => {
    // Prefixed, so that a question called "responses" or "tests" cannot overwrite those tables.
    const file = `question-${name}`;
    switch (question.kind) {
      case 'matrix':
        question.rows.forEach((row) => writeQuestion(`${name}.${row.value}`, row));
        break;
      case 'items':
      case 'entries':
        for (const [item, part] of Object.entries(question.items)) writeQuestion(`${name}.${item}`, part);
        break;
      case 'ranking':
        write(file, rankingRows(question));
        break;
      case 'unsupported':
        write(file, [
          {
            answered: blank(question.answered),
            skipped: blank(question.skipped),
            note: question.note,
            suppressed: Boolean(question.suppressed),
          },
        ]);
        break;
      case 'number':
        write(file, numberRows(question));
        break;
      case 'text':
        write(file, textRows(question));
        break;
      default:
        write(file, choiceRows(question));
    }
    if ('test' in question && question.test)
      tests.push({
        question: name,
        test: question.test.name,
        statistic: blank(question.test.statistic),
        df: blank(question.test.df),
        p: blank(question.test.p),
      });
  };
  for (const [name, question] of Object.entries(stats.questions)) writeQuestion(name, question);
  write('tests', tests);
  return written;
}
