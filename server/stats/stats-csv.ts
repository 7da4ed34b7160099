import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { SurveyStats } from '../../analysis/survey-stats';
import { neutraliseCell } from '../responses/csv-safety';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const blocksOf = (question: Json): Array<[string, Json]> => [['all', question], ...Object.entries((question.groups ?? {}) as Record<string, Json>)];
const text = (value: unknown) => (typeof value === 'string' ? neutraliseCell(value) : value);

function choiceRows(question: Json) {
  return blocksOf(question).flatMap(([group, block]) =>
    (block.options as Json[]).map((option) => ({
      group,
      value: text(String(option.value)),
      label: text(option.label),
      answered: block.answered ?? '',
      count: option.count ?? '',
      percent: option.percent ?? '',
      ci95_low: option.ci95?.[0] ?? '',
      ci95_high: option.ci95?.[1] ?? '',
      ...(question.scale ? { scale_mean: block.scale?.mean ?? '', scale_median: block.scale?.median ?? '', top_two_percent: block.topTwoBox?.percent ?? '' } : {}),
      ...(question.nps ? { nps: block.nps?.score ?? '', nps_ci95_low: block.nps?.ci95?.[0] ?? '', nps_ci95_high: block.nps?.ci95?.[1] ?? '' } : {}),
      suppressed: Boolean(option.suppressed),
    })),
  );
}

function rankingRows(question: Json) {
  return (question.options as Json[]).map((option) => ({
    value: text(String(option.value)),
    label: text(option.label),
    mean_rank: option.meanRank ?? '',
    ranked_first: option.first ?? '',
    first_percent: option.firstPercent ?? '',
    ...Object.fromEntries(((option.places ?? []) as number[]).map((count, place) => [`place_${place + 1}`, count])),
    suppressed: Boolean(option.suppressed),
  }));
}

function numberRows(question: Json) {
  const measures = ['n', 'mean', 'sd', 'median', 'q1', 'q3', 'min', 'max', 'skipped', 'notShown'];
  return blocksOf(question).flatMap(([group, block]) => [
    ...measures.map((measure) => ({ group, measure, label: '', value: block[measure] ?? '', suppressed: Boolean(block.suppressed) })),
    ...(block.bands as Json[]).map((band) => ({ group, measure: 'band', label: text(band.label), value: band.count ?? '', suppressed: Boolean(band.suppressed) })),
  ]);
}

function textRows(question: Json) {
  return blocksOf(question).map(([group, block]) => ({
    group,
    answered: block.answered ?? '',
    skipped: block.skipped ?? '',
    not_shown: block.notShown ?? '',
    share_percent: block.share ?? '',
    median_length: block.medianLength ?? '',
    suppressed: Boolean(block.suppressed),
  }));
}

/** One tidy CSV per question (question-<name>.csv), plus responses.csv (by LMC) and tests.csv; returns the files written. */
export function writeStatsCsv(stats: SurveyStats, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const write = (name: string, rows: object[]) => {
    const file = path.join(dir, `${name}.csv`);
    fs.writeFileSync(file, stringify(rows, { header: true, cast: { boolean: (value) => String(value) } }));
    written.push(file);
  };
  write(
    'responses',
    Object.entries(stats.responses.byLmc as Record<string, Json>).map(([code, area]) => ({
      area: code,
      name: text(area.name),
      responses: area.responses ?? '',
      practices: area.practices,
      rate_percent: area.rate ?? '',
      suppressed: Boolean(area.suppressed),
    })),
  );
  const tests: object[] = [];
  const writeQuestion = (name: string, question: Json): void => {
    // Prefixed, so that a question called "responses" or "tests" cannot overwrite those tables.
    const file = `question-${name}`;
    if (question.kind === 'matrix') (question.rows as Json[]).forEach((row) => writeQuestion(`${name}.${row.value}`, row));
    else if (question.kind === 'items' || question.kind === 'entries') {
      for (const [item, part] of Object.entries(question.items as Record<string, Json>)) writeQuestion(`${name}.${item}`, part);
    } else if (question.kind === 'ranking') write(file, rankingRows(question));
    else if (question.kind === 'unsupported') write(file, [{ answered: question.answered ?? '', skipped: question.skipped ?? '', note: question.note, suppressed: Boolean(question.suppressed) }]);
    else if (question.kind === 'number') write(file, numberRows(question));
    else if (question.kind === 'text') write(file, textRows(question));
    else write(file, choiceRows(question));
    if (question.test) tests.push({ question: name, test: question.test.name, statistic: question.test.statistic ?? '', df: question.test.df ?? '', p: question.test.p ?? '' });
  };
  for (const [name, question] of Object.entries(stats.questions as Record<string, Json>)) writeQuestion(name, question);
  write('tests', tests);
  return written;
}
