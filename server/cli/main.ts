import { AnalysisInputError } from '../../analysis/input-error';
import { Command, Option } from 'commander';
import { AppError } from '../errors';
import { DEFAULT_STORE } from '../store/location';
import type { OptionSpec, TableCommand } from './command-definition';
import { agreement } from './commands/agreement';
import { autocode } from './commands/autocode';
import { code } from './commands/code';
import { compare } from './commands/compare';
import { demo } from './commands/demo';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { purge } from './commands/purge';
import { report } from './commands/report';
import { serve } from './commands/serve';
import { stats } from './commands/stats';
import { surveysAdd } from './commands/surveys-add';
import { surveysList } from './commands/surveys-list';
import { themes } from './commands/themes';
import { tokensAdd, tokensList, tokensRevoke } from './commands/tokens';
import { usersAdd } from './commands/users-add';
import { usersList } from './commands/users-list';
import { usersStatus } from './commands/users-status';

/**
 * The command line: every command in the order of the help, each declared once in its module in
 * server/cli/commands/ (name, arguments, description, options, run). The modules load their work (charts, Word,
 * Excel, MongoDB, Chromium, zod) only when they run, so `canvass --help` loads commander alone.
 */
const COMMANDS: readonly TableCommand[] = [
  serve,
  demo,
  { ...surveysList, subcommands: [surveysAdd] },
  {
    name: 'users',
    description: 'manage staff accounts (any change signs the account out everywhere)',
    subcommands: [usersAdd, usersList, ...usersStatus],
  },
  {
    name: 'tokens',
    description: 'personal API tokens for scripts: Authorization: Bearer <token> on /api/ routes',
    subcommands: [tokensAdd, tokensList, tokensRevoke],
  },
  importCommand,
  exportCommand,
  purge,
  report,
  autocode,
  code,
  themes,
  agreement,
  stats,
  compare,
];

function optionFrom(key: string, spec: OptionSpec): Option {
  const option = new Option(spec.flags, spec.description);
  // The key is the name `run` receives the value under: it must be commander's name for the flag.
  if (option.attributeName() !== key)
    throw new Error(`option ${spec.flags} must be declared as ${option.attributeName()}`);
  if (spec.choices) option.choices(spec.choices);
  if (spec.default !== undefined) option.default(spec.default);
  if (spec.repeatable) option.argParser((value: string, all: string[]) => [...all, value]).default([]);
  if (spec.required) option.makeOptionMandatory();
  return option;
}

function addCommand(parent: Command, definition: TableCommand): void {
  const command = parent
    .command(definition.arguments ? `${definition.name} ${definition.arguments}` : definition.name)
    .description(definition.description);
  for (const [key, spec] of Object.entries(definition.options ?? {})) command.addOption(optionFrom(key, spec));
  for (const subcommand of definition.subcommands ?? []) addCommand(command, subcommand);
  // Commander hands the action the arguments, the options and the command, which the definition declared and typed.
  const run = definition.run as ((...args: unknown[]) => Promise<void> | void) | undefined;
  if (run) command.action((...args: unknown[]) => run(...args));
}

function buildProgram(): Command {
  const program = new Command('canvass')
    .description('Canvass: host SurveyJS surveys, distribute them by area, and analyse the answers.')
    .option(
      '--store <location>',
      `sqlite:<path> or a mongodb:// URI; the server's store unless told otherwise (default: CANVASS_STORE or ${DEFAULT_STORE})`,
    )
    .option('--quiet', 'no progress on standard error (it is shown only when standard error is a terminal)')
    .showHelpAfterError();
  for (const definition of COMMANDS) addCommand(program, definition);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  let running: Command = program;
  program.hook('preAction', (_program, actionCommand) => {
    running = actionCommand;
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof AppError) {
      // The message once, then each issue under the name the user typed it as: the command's flag where it has one.
      console.error(`canvass: ${error.message}`);
      for (const detail of error.details ?? []) console.error(`  ${flagFor(running, detail.field)}: ${detail.message}`);
    } else if (error instanceof AnalysisInputError) {
      console.error(`canvass: ${flagFor(running, error.field)}: ${error.message}`);
    } else {
      console.error('canvass:', error);
    }
    process.exitCode = 1;
  }
}

/** The flag an issue's field was given as (`where.0` is the first --where); the field itself when it is no option. */
function flagFor(command: Command, field: string): string {
  const name = field.split('.')[0];
  const option = [...command.options, ...(command.parent?.options ?? [])].find(
    (candidate) => candidate.attributeName() === name,
  );
  return option?.long ?? field;
}
