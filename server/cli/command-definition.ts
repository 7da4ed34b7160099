import type { Command } from 'commander';

/** One option of a command, as commander takes it; its key in `options` is the name `run` receives it under. */
export interface OptionSpec {
  /** '--by <question>' (takes a value), '--final' (a switch), '--no-suppress' (a switch that is on unless given). */
  readonly flags: string;
  readonly description: string;
  /** The command refuses to run without it. */
  readonly required?: boolean;
  readonly choices?: readonly string[];
  readonly default?: string;
  /** May be given more than once; `run` receives every value, in order. */
  readonly repeatable?: boolean;
}

type OptionValue<Spec extends OptionSpec> = Spec extends { repeatable: true }
  ? string[]
  : Spec['flags'] extends `${string}<${string}>`
    ? Spec extends { choices: readonly (infer Choice extends string)[] }
      ? Choice
      : string
    : boolean;

type AlwaysSet<Spec extends OptionSpec> = Spec extends { required: true } | { repeatable: true } | { default: string }
  ? true
  : Spec['flags'] extends `--no-${string}`
    ? true
    : false;

/** The options `run` receives, typed from their declaration: set ones as values, the others optional. */
export type OptionsOf<Options extends Record<string, OptionSpec>> = {
  -readonly [Key in keyof Options as AlwaysSet<Options[Key]> extends true ? Key : never]: OptionValue<Options[Key]>;
} & {
  -readonly [Key in keyof Options as AlwaysSet<Options[Key]> extends true ? never : Key]?: OptionValue<Options[Key]>;
};

/** '<slug> <file>' as [string, string]; '[email]' as [string | undefined]. */
type ArgumentsOf<Arguments extends string> = Arguments extends ''
  ? []
  : Arguments extends `<${string}> ${infer Rest}`
    ? [string, ...ArgumentsOf<Rest>]
    : Arguments extends `<${string}>`
      ? [string]
      : Arguments extends `[${string}]`
        ? [string | undefined]
        : never;

/**
 * A command as its module declares it, once: name, arguments, description and options (which make the help and
 * type what `run` receives), and `run`, given the arguments, the options and commander's command. A command
 * module keeps its heavy imports inside `run`, so that listing every command for `--help` loads none of them.
 */
export interface CommandDefinition<
  Arguments extends string = string,
  Options extends Record<string, OptionSpec> = Record<string, OptionSpec>,
> {
  readonly name: string;
  readonly arguments?: Arguments;
  readonly description: string;
  readonly options?: Options;
  readonly run: (...args: [...ArgumentsOf<Arguments>, OptionsOf<Options>, Command]) => Promise<void> | void;
}

export function defineCommand<
  const Arguments extends string = '',
  const Options extends Record<string, OptionSpec> = Record<never, OptionSpec>,
>(definition: CommandDefinition<Arguments, Options>): CommandDefinition<Arguments, Options> {
  return definition;
}

/** A command of the table, whatever its arguments and options; a group holds subcommands and may run itself. */
export interface TableCommand {
  readonly name: string;
  readonly arguments?: string;
  readonly description: string;
  readonly options?: Record<string, OptionSpec>;
  readonly run?: (...args: never[]) => Promise<void> | void;
  readonly subcommands?: readonly TableCommand[];
}
