import type { PublishedStats } from './published-stats';
import type { SurveyStats } from './survey-stats';

/**
 * Disclosure control for published figures, two rules. The survey rule (`withholdSmallGroups`, the default for
 * publication): a block of figures is withheld when the group it describes (everyone, one role, one LMC) has
 * fewer respondents than a minimum base, as the NHS Staff Survey and the GP Patient Survey do; a national 97%
 * of 33 identifies nobody. The cell rule (`suppressSmallNumbers`, from administrative health data): counts
 * from 1 to threshold - 1 are hidden (primary), and
 * then, wherever cells add up to a published total, more cells are hidden until no line holds exactly one
 * hidden cell, so nothing hidden can be worked out by subtraction (secondary). Hand-written: the rule is
 * specific to these tables and no maintained package applies it to JSON like this.
 */

interface Cell {
  count: number;
  suppressed: boolean;
}

/** A block of figures, a cell or a question, walked by name: the rules below apply to every kind alike. */
interface Figures {
  [name: string]: unknown;
  suppressed?: true;
}

function cell(count: unknown, threshold: number): Cell {
  const n = typeof count === 'number' ? count : 0;
  return { count: n, suppressed: n >= 1 && n < threshold };
}

/** Hides one more cell in every line that has exactly one hidden; smallest non-zero first. */
function secondary(lines: Cell[][]): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      if (line.filter((c) => c.suppressed).length !== 1) continue;
      const next = line
        .filter((c) => !c.suppressed)
        .sort((a, b) => Number(a.count === 0) - Number(b.count === 0) || a.count - b.count)[0];
      if (next) {
        next.suppressed = true;
        changed = true;
      }
    }
  }
}

function hide(target: Figures, keys: string[]): void {
  for (const key of keys) delete target[key];
  target.suppressed = true;
}

/**
 * Which blocks (the overall one first, then one per group) are too small to show. Group sizes add up to the
 * overall size, so one small group hides a second one too: otherwise its size, and with it every figure,
 * could be worked out from the overall block.
 */
function hiddenBlocks(blocks: Figures[], sizeKey: string, threshold: number): boolean[] {
  const sizes = blocks.map((block) => cell(block[sizeKey], threshold));
  if (blocks.length > 1) secondary([sizes]);
  return sizes.map((size) => size.suppressed);
}

function blocksOf(question: Figures): Figures[] {
  return [question, ...Object.values((question.groups ?? {}) as Record<string, Figures>)];
}

/** Cells of one part (options, bands...) of every block, with the lines along which they add up. */
function suppressCells(
  blocks: Figures[],
  part: string,
  hidden: boolean[],
  threshold: number,
  partition: boolean,
): void {
  const grid = blocks.map((block, b) =>
    (block[part] as Figures[]).map((entry) =>
      hidden[b]
        ? { count: typeof entry.count === 'number' ? entry.count : 0, suppressed: true }
        : cell(entry.count, threshold),
    ),
  );
  const lines: Cell[][] = partition ? [...grid] : [];
  if (blocks.length > 1) {
    // Each row's group counts add up to its overall count.
    grid[0]!.forEach((_, row) => lines.push(grid.map((column) => column[row]!)));
  }
  secondary(lines);
  blocks.forEach((block, b) => {
    block[part] = (block[part] as Figures[]).map((entry, row) => {
      if (!grid[b]![row]!.suppressed) return entry;
      const { count: _count, percent: _percent, ci95: _ci95, ...rest } = entry;
      return { ...rest, suppressed: true };
    });
  });
}

function suppressChoice(question: Figures, threshold: number): void {
  const blocks = blocksOf(question);
  const hidden = hiddenBlocks(blocks, 'answered', threshold);
  // Checkbox options are not a partition of those who answered: they add up along groups only.
  suppressCells(blocks, 'options', hidden, threshold, question.kind === 'choice');
  blocks.forEach((block, b) => hidden[b] && hide(block, CHOICE_MEASURES));
}

const CHOICE_MEASURES = ['answered', 'skipped', 'notShown', 'scale', 'topTwoBox', 'nps'];
const COUNTS = ['answered', 'skipped', 'notShown'];

/**
 * A question made of parts (matrix rows, items, a dynamic panel's questions), a ranking or an unsupported
 * type: each part goes by its own kind's rule; the question's own counts, and a ranking's places, by its base.
 */
function suppressStructured(question: Figures, threshold: number, each: (part: Figures) => void): void {
  if (question.kind === 'matrix') (question.rows as Figures[]).forEach(each);
  if (question.kind === 'items' || question.kind === 'entries')
    Object.values(question.items as Record<string, Figures>).forEach(each);
  if (cell(question.answered, threshold).suppressed) {
    if (question.kind === 'ranking') {
      question.options = (question.options as Figures[]).map(({ value, label }) => ({
        value,
        label,
        suppressed: true,
      }));
    }
    hide(question, question.kind === 'entries' ? [...COUNTS, 'entries'] : COUNTS);
  }
}

const STRUCTURED = new Set<unknown>(['matrix', 'items', 'entries', 'ranking', 'unsupported']);

function suppressNumber(question: Figures, threshold: number): void {
  const blocks = blocksOf(question);
  const hidden = hiddenBlocks(blocks, 'n', threshold);
  suppressCells(blocks, 'bands', hidden, threshold, true);
  // Histogram bins differ between groups (each has its own range), so they add up within a block only.
  blocks.forEach((block, b) => suppressCells([block], 'histogram', [hidden[b]!], threshold, true));
  blocks.forEach(
    (block, b) =>
      hidden[b] && hide(block, ['n', 'mean', 'sd', 'median', 'q1', 'q3', 'min', 'max', 'skipped', 'notShown']),
  );
}

function suppressText(question: Figures, threshold: number): void {
  const blocks = blocksOf(question);
  const hidden = hiddenBlocks(blocks, 'answered', threshold);
  blocks.forEach((block, b) => hidden[b] && hide(block, ['answered', 'share', 'medianLength', 'skipped', 'notShown']));
}

/** A copy of the statistics fit for publication, saying which threshold was applied. */
export function suppressSmallNumbers(stats: SurveyStats, threshold: number): PublishedStats {
  const copy = structuredClone(stats) as unknown as Figures;
  copy.suppression = { rule: 'cell', threshold };
  const suppress = (question: Figures): void => {
    if (STRUCTURED.has(question.kind)) suppressStructured(question, threshold, suppress);
    else if (question.kind === 'number') suppressNumber(question, threshold);
    else if (question.kind === 'text') suppressText(question, threshold);
    else suppressChoice(question, threshold);
  };
  Object.values(copy.questions as Record<string, Figures>).forEach(suppress);
  hideSmallAreasAndGroups(copy, threshold);
  return copy as unknown as PublishedStats;
}

/**
 * Responses per LMC area and respondents per group, under either rule: below the threshold (but not 0) they
 * are hidden, and one more where a hidden one could be worked out from the total.
 */
function hideSmallAreasAndGroups(copy: Figures, threshold: number): void {
  const areas = Object.values((copy.responses as Figures).byLmc as Record<string, Figures>);
  const areaCells = areas.map((area) => cell(area.responses, threshold));
  secondary([areaCells]);
  areas.forEach((area, i) => {
    if (areaCells[i]!.suppressed) hide(area, ['responses', 'rate']);
  });
  const codes = Object.keys((copy.responses as Figures).byLmc as Record<string, Figures>);
  const hiddenAreas = new Set(codes.filter((_, i) => areaCells[i]!.suppressed));
  const areaQuestion = (copy.responses as Figures).areaQuestion as string | null | undefined;
  const groupBy = copy.groupBy as Figures | null;
  if (groupBy) {
    const groups = groupBy.groups as Figures[];
    const groupCells = groups.map((group) => cell(group.respondents, threshold));
    secondary([groupCells]);
    groups.forEach((group, i) => {
      // Split by area, the groups are the areas: withheld exactly where the responses by area are.
      if (groupCells[i]!.suppressed || (groupBy.question === areaQuestion && hiddenAreas.has(String(group.value))))
        hide(group, ['respondents']);
    });
    if (groupBy.question === areaQuestion) withholdAreaGroups(copy.questions as Record<string, Figures>, hiddenAreas);
  }
  // The area question's own table counts the same responses by area: its cells for a withheld area are withheld
  // too, in every column, so that one page never prints a count it withholds elsewhere.
  const byArea = areaQuestion ? (copy.questions as Record<string, Figures>)[areaQuestion] : undefined;
  if (byArea && Array.isArray(byArea.options)) {
    for (const block of blocksOf(byArea)) {
      if (!Array.isArray(block.options)) continue;
      block.options = (block.options as Figures[]).map((option) =>
        hiddenAreas.has(String(option.value))
          ? (({ count: _c, percent: _p, ci95: _ci, ...rest }) => ({ ...rest, suppressed: true as const }))(option)
          : option,
      );
    }
  }
}

/** Every question's block for a withheld area (split by area), at any depth (matrix rows, panel items). */
function withholdAreaGroups(questions: Record<string, Figures>, hiddenAreas: Set<string>): void {
  const visit = (question: Figures): void => {
    if (Array.isArray(question.rows)) (question.rows as Figures[]).forEach(visit);
    if (question.items && typeof question.items === 'object')
      Object.values(question.items as Record<string, Figures>).forEach(visit);
    const groups = question.groups as Record<string, Figures> | undefined;
    if (!groups) return;
    for (const code of hiddenAreas) {
      const block = groups[code];
      if (!block || block.suppressed) continue;
      for (const part of ['options', 'bands', 'histogram']) {
        if (Array.isArray(block[part]))
          block[part] = (block[part] as Figures[]).map(({ count: _c, percent: _p, ci95: _ci, ...rest }) => ({
            ...rest,
            suppressed: true,
          }));
      }
      hide(block, [
        'answered',
        'skipped',
        'notShown',
        'scale',
        'topTwoBox',
        'nps',
        'n',
        'mean',
        'sd',
        'median',
        'q1',
        'q3',
        'min',
        'max',
        'share',
        'medianLength',
      ]);
    }
  };
  Object.values(questions).forEach(visit);
}

function withholdBlocks(
  question: Figures,
  sizeKey: string,
  measures: string[],
  parts: string[],
  minimumBase: number,
): void {
  const blocks = blocksOf(question);
  // A group of 0 discloses nothing; a group between 1 and the base is withheld, and so is a second one where
  // the first could be worked out from the total and the other groups.
  const hidden = hiddenBlocks(blocks, sizeKey, minimumBase);
  blocks.forEach((block, b) => {
    if (!hidden[b]) return;
    for (const part of parts) {
      if (!Array.isArray(block[part])) continue;
      block[part] = (block[part] as Figures[]).map(({ count: _count, percent: _percent, ci95: _ci95, ...rest }) => ({
        ...rest,
        suppressed: true,
      }));
    }
    hide(block, measures);
  });
  // A test compares the groups: with one of them withheld it would tell about it (a Mann-Whitney U of 1 between one
  // CQL and one PQL says whose hours were higher), so it is withheld with it.
  if (hidden.some((withheld, b) => withheld && b > 0) && 'test' in question) question.test = null;
}

/** A copy of the statistics fit for publication under the survey rule: groups below the minimum base withheld. */
export function withholdSmallGroups(stats: SurveyStats, minimumBase: number): PublishedStats {
  const copy = structuredClone(stats) as unknown as Figures;
  copy.suppression = { rule: 'minimum-base', threshold: minimumBase };
  const withhold = (question: Figures): void => {
    if (STRUCTURED.has(question.kind)) {
      suppressStructured(question, minimumBase, withhold);
    } else if (question.kind === 'number') {
      withholdBlocks(
        question,
        'n',
        ['n', 'mean', 'sd', 'median', 'q1', 'q3', 'min', 'max', 'skipped', 'notShown'],
        ['bands', 'histogram'],
        minimumBase,
      );
    } else if (question.kind === 'text') {
      withholdBlocks(
        question,
        'answered',
        ['answered', 'share', 'medianLength', 'skipped', 'notShown'],
        [],
        minimumBase,
      );
    } else {
      withholdBlocks(question, 'answered', CHOICE_MEASURES, ['options'], minimumBase);
    }
  };
  Object.values(copy.questions as Record<string, Figures>).forEach(withhold);
  hideSmallAreasAndGroups(copy, minimumBase);
  return copy as unknown as PublishedStats;
}
