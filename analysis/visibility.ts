import { ConditionRunner, Model } from 'survey-core';
import { valueKey } from './tallies';

const MAX_REMEMBERED = 10_000;

function conditionVariables(value: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => conditionVariables(item, found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'visibleIf' && typeof inner === 'string') {
        for (const variable of new ConditionRunner(inner).getVariables()) found.add(variable.split(/[.[]/)[0]!);
      } else conditionVariables(inner, found);
    }
  }
  return found;
}

/**
 * Which questions a respondent was shown, decided by survey-core from the survey's own visibleIf conditions.
 * Running a model per response costs about a millisecond, so answers to the questions the conditions read
 * are used as a key and each distinct combination is worked out once (a handful for most surveys).
 */
export class VisibilityOracle {
  private readonly model: Model;
  private readonly variables: string[];
  /** Patterns worked out so far, in a tree with one level per condition variable, keyed by that variable's value. */
  private readonly remembered = new Map<unknown, unknown>();
  private rememberedCount = 0;
  private readonly patterns = new Map<string, readonly boolean[]>();

  /** `names`: the questions asked about, in the order of the flags returned. */
  constructor(
    definition: object,
    private readonly names: readonly string[],
  ) {
    this.model = new Model(definition);
    this.variables = [...conditionVariables(definition, new Set())];
  }

  /** For each of the questions named at construction, whether this respondent was shown it. */
  shown(data: Record<string, unknown>): readonly boolean[] {
    // A tree of maps rather than one joined string key: no string is built per response on the long scans.
    let level = this.remembered;
    const last = this.variables.length - 1;
    for (let v = 0; v < last; v += 1) {
      const next = level.get(valueKey(data[this.variables[v]!] ?? null)) as Map<unknown, unknown> | undefined;
      if (!next) return this.workOut(data);
      level = next;
    }
    const known = last >= 0 ? level.get(valueKey(data[this.variables[last]!] ?? null)) : level.get(null);
    return (known as readonly boolean[] | undefined) ?? this.workOut(data);
  }

  private workOut(data: Record<string, unknown>): readonly boolean[] {
    const values: Record<string, unknown> = {};
    for (const name of this.variables) if (data[name] !== undefined) values[name] = data[name];
    this.model.data = values;
    const visible = new Set(this.model.getAllQuestions(true).map((question) => question.getValueName()));
    const flags = this.names.map((name) => visible.has(name));
    // One array per distinct pattern: callers may count respondents by pattern, keyed by the array itself.
    const pattern = flags.map(Number).join('');
    const shown = this.patterns.get(pattern) ?? flags;
    this.patterns.set(pattern, shown);
    if (this.rememberedCount < MAX_REMEMBERED) this.remember(data, shown);
    return shown;
  }

  private remember(data: Record<string, unknown>, shown: readonly boolean[]): void {
    this.rememberedCount += 1;
    let level = this.remembered;
    const last = this.variables.length - 1;
    for (let v = 0; v < last; v += 1) {
      const key = valueKey(data[this.variables[v]!] ?? null);
      let next = level.get(key) as Map<unknown, unknown> | undefined;
      if (!next) level.set(key, (next = new Map()));
      level = next;
    }
    level.set(last >= 0 ? valueKey(data[this.variables[last]!] ?? null) : null, shown);
  }
}
