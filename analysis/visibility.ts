import { ConditionRunner, Model } from 'survey-core';

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
  private readonly remembered = new Map<string, readonly boolean[]>();
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
    let key = '';
    for (const name of this.variables) {
      const value = data[name];
      key += `${typeof value === 'string' ? value : JSON.stringify(value ?? null)}\u0000`;
    }
    const known = this.remembered.get(key);
    if (known) return known;
    const values: Record<string, unknown> = {};
    for (const name of this.variables) if (data[name] !== undefined) values[name] = data[name];
    this.model.data = values;
    const visible = new Set(this.model.getAllQuestions(true).map((question) => question.getValueName()));
    const flags = this.names.map((name) => visible.has(name));
    // One array per distinct pattern: callers may count respondents by pattern, keyed by the array itself.
    const pattern = flags.map(Number).join('');
    const shown = this.patterns.get(pattern) ?? flags;
    this.patterns.set(pattern, shown);
    if (this.remembered.size < MAX_REMEMBERED) this.remembered.set(key, shown);
    return shown;
  }
}
