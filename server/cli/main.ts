import { AnalysisInputError } from '../../analysis/input-error';
import { Command, Option } from 'commander';
import { AppError } from '../errors';
import { DEFAULT_STORE } from '../store/location';
import { ROLES } from '../users/roles';

/**
 * The command line: commands, options and help here, and each command's work in server/cli/commands/<name>.ts,
 * loaded only when that command runs, so `canvass --help` and light commands do not load charts, Word, Excel,
 * MongoDB or Chromium.
 */
function command(name: string): { run: (...args: unknown[]) => Promise<void> | void } {
  return require(`./commands/${name}`);
}

/** A command's action: its module, loaded when it runs, given commander's arguments. */
const runs =
  (name: string) =>
  (...args: unknown[]) =>
    command(name).run(...args);

function buildProgram(): Command {
  const program = new Command('canvass')
    .description('Canvass: host SurveyJS surveys, distribute them by area, and analyse the answers.')
    .option(
      '--store <location>',
      `sqlite:<path> or a mongodb:// URI; the server's store unless told otherwise (default: CANVASS_STORE or ${DEFAULT_STORE})`,
    )
    .option('--quiet', 'no progress on standard error (it is shown only when standard error is a terminal)')
    .showHelpAfterError();

  program
    .command('serve')
    .description('run the web server (the CQL/PQL survey is live at /s/gp-quality-clusters-2024)')
    .option('--port <port>', 'port to listen on (default: PORT or 3000)')
    .action(runs('serve'));

  program
    .command('demo')
    .description(
      'load demo data into the store: 159 answers to the CQL/PQL survey and proposed codes (running it again adds nothing)',
    )
    .action(runs('demo'));

  const surveys = program.command('surveys').description('list the hosted surveys');
  surveys.action(runs('surveys-list'));
  surveys
    .command('add <file>')
    .description('add or replace a survey from a SurveyJS JSON file (validated first)')
    .option('--slug <slug>', 'address of the survey (default: the file name)')
    .option(
      '--distribution <file>',
      'areas to distribute to: {"question": "lmc", "areas": [{"code", "name", "practices"}]}',
    )
    .option(
      '--analysis <file>',
      'analysis settings: {"groupBy": "role", "bands": {"hours": [{"label", "from", "to"}]}}',
    )
    .option('--report <file>', 'report definition: which questions form which finding (see surveys/*.report.json)')
    .action(runs('surveys-add'));

  const users = program
    .command('users')
    .description('manage staff accounts (any change signs the account out everywhere)');
  users
    .command('add <email>')
    .description('create a staff account, or change its role and password (password from stdin or CANVASS_PASSWORD)')
    .addOption(new Option('--role <role>', 'admin, researcher or viewer').choices(ROLES).makeOptionMandatory())
    .option(
      '--surveys <slugs>',
      'comma-separated surveys a researcher or viewer may see (new accounts: all; existing ones keep theirs)',
    )
    .option('--all-surveys', 'lift a restriction to some surveys')
    .action(runs('users-add'));
  users.command('list').description('list staff accounts with role, surveys and status').action(runs('users-list'));
  const statusChanges = [
    ['disable', 'stop an account signing in and end its sessions (kept, can be enabled again)'],
    ['enable', 'let a disabled account sign in again'],
    ['remove', 'delete an account and end its sessions'],
  ] as const;
  for (const [name, description] of statusChanges) {
    users
      .command(`${name} <email>`)
      .description(description)
      .action((email: string, options: unknown, self: Command) => runs('users-status')(name, email, self));
  }

  const tokens = program
    .command('tokens')
    .description('personal API tokens for scripts: Authorization: Bearer <token> on /api/ routes');
  const tokenCommand =
    (name: 'add' | 'list' | 'revoke') =>
    (...args: unknown[]) =>
      (require('./commands/tokens') as Record<typeof name, (...a: unknown[]) => Promise<void>>)[name](...args);
  tokens
    .command('add <email>')
    .description('make a token that acts as this user (their role and surveys); printed once, on the last line')
    .option('--name <name>', 'what the token is for, e.g. "R analysis"')
    .option('--expires <date>', 'last day it works (YYYY-MM-DD); default: until revoked')
    .action(tokenCommand('add'));
  tokens
    .command('list [email]')
    .description('list tokens (never the tokens themselves): id, user, name, made, status')
    .action(tokenCommand('list'));
  tokens.command('revoke <id>').description('stop a token working at once').action(tokenCommand('revoke'));

  program
    .command('import <slug> <file>')
    .description(
      'import responses from a JSON array or a CSV whose header is question names, or the coding of a question from a REFI-QDA project (.qdpx, with --question)',
    )
    .addOption(
      new Option(
        '--encoding <encoding>',
        'how the file is written (default: UTF-8, or Windows-1252 when it has no UTF-8 at all; a file mixing the two is refused)',
      ).choices(['utf-8', 'windows-1252']),
    )
    .option('--question <name>', '.qdpx: the free-text question whose coding the project holds')
    .option('--replace', '.qdpx: replace a coding researchers have reviewed (kept in the audit trail)')
    .action(runs('import'));

  program
    .command('export <slug>')
    .description(
      'export every response (json, csv, xlsx with a codebook sheet) or the coding of a question (qdc, codes-csv, segments-csv)',
    )
    .addOption(
      new Option('--format <format>', 'json, csv or xlsx; qdc, qdpx, codes-csv or segments-csv with --question')
        .choices(['json', 'csv', 'xlsx', 'qdc', 'qdpx', 'codes-csv', 'segments-csv'])
        .default('csv'),
    )
    .option('--question <name>', 'the coded free-text question (for qdc, qdpx, codes-csv, segments-csv)')
    .option('--out <file>', 'write to a file instead of standard output (required for xlsx)')
    .option(
      '--suggestions',
      "qdpx: also export the machine's unreviewed suggestions, as its own codings marked by a note",
    )
    .action(runs('export'));

  program
    .command('purge <slug>')
    .description('delete the responses last saved before a date, after showing how many and asking to confirm')
    .requiredOption('--before <date>', 'responses saved before this date (YYYY-MM-DD) go')
    .option('--yes', 'confirm without asking (for scripts)')
    .action(runs('purge'));

  program
    .command('report <slug>')
    .description('the joint-review style report as HTML, PDF or Word (by the --out extension); DRAFT unless --final')
    .requiredOption('--out <file>', 'report.html, report.pdf or report.docx')
    .option('--final', 'mark the report final (no DRAFT marks)')
    .option('--suppress-below <n>', "the cell rule instead of the survey's minimum base: hide counts from 1 to n-1")
    .option('--no-suppress', 'show every figure (internal use only; the report says so)')
    .option('--weight <question>', 'weight figures to the practices in each area of this distribution question (lmc)')
    .action(runs('report'));

  program
    .command('autocode <file>')
    .description('suggest codes for the rows whose codes cell is empty, learning from the rows a researcher coded')
    .requiredOption('--text <column>', 'the column with the answer text')
    .requiredOption('--codes <column>', 'the column with codes separated by ";" (empty = to suggest)')
    .option('--id <column>', 'the column naming each row')
    .requiredOption('--out <file>', 'where to write the CSV with suggestions and a confidence column')
    .action(runs('autocode'));

  program
    .command('code <slug>')
    .description(
      'propose codes and candidate themes for a free-text question from the stored answers, for researchers to review',
    )
    .requiredOption('--question <name>', 'the free-text question')
    .option(
      '--codebook <file>',
      'also apply a codebook (JSON, YAML or a REFI-QDA .qdc, whose non-codable codes become themes)',
    )
    .option('--replace', 'start again even though researchers have reviewed the coding (kept in the audit trail)')
    .action(runs('code'));

  program
    .command('themes <file>')
    .description('candidate codes and themes from free-text answers in a CSV, for researchers to review')
    .requiredOption('--text <column>', 'the column with the answer text')
    .option('--id <column>', 'the column naming each row (default: row number)')
    .option(
      '--themes <n>',
      'how many candidate themes (default: chosen from the answers, by stability across random starts)',
    )
    .option(
      '--codebook <file>',
      'a codebook (JSON or YAML) to apply too, e.g. surveys/gp-quality-clusters-2024.codebook.json',
    )
    .requiredOption('--out <file>', 'where to write themes.json')
    .action(runs('themes'));

  program
    .command('agreement <source>')
    .description(
      "agreement between coders (percent, Krippendorff's alpha nominal, Cohen's kappa for two, per code): of the researchers who coded <survey> --question in the platform, or of the coder columns of a CSV <file>",
    )
    .option('--question <name>', 'the coded question of the survey <source>')
    .option(
      '--coders <list>',
      "researchers by e-mail (default: all who coded), or the CSV's coder columns (required for a CSV)",
    )
    .option('--unit <column>', 'the column naming each unit')
    .option('--json', 'print JSON (the default)')
    .action(runs('agreement'));

  program
    .command('stats <slug>')
    .description('descriptive statistics as JSON (or tidy CSV tables): counts, %, 95% CIs, tests by group')
    .option('--by <question>', 'repeat every figure per answer to this question (e.g. role), with tests')
    .option(
      '--where <question=value>',
      'only responses with this answer (repeatable)',
      (value: string, all: string[]) => [...all, value],
      [] as string[],
    )
    .option('--from <date>', 'submitted on or after this date')
    .option('--to <date>', 'submitted on or before this date')
    .option('--include-partial', 'add partial responses to the figures')
    .option(
      '--weight <question>',
      "weight responses to the practices in each area of the survey's distribution question (lmc)",
    )
    .option(
      '--publish',
      "apply the survey's publication rule: withhold figures for any group below its minimum base (default 10)",
    )
    .option('--suppress-below <n>', 'the cell rule instead: hide counts from 1 to n-1 (e.g. 5)')
    .option('--simulations <n>', "random tables for a simulated Fisher's test (default 2000, as R)")
    .option('--json', 'print JSON (the default)')
    .option('--csv <dir>', 'write one tidy CSV per question into this folder instead')
    .action(runs('stats'));

  program
    .command('compare <slugA> <slugB>')
    .description('two waves of a survey compared question by question (B minus A): shares, change with 95% interval, p')
    .option('--by <question>', 'compare within each answer to this question too (e.g. role)')
    .option(
      '--publish',
      "apply each survey's publication rule: withhold questions and groups below its minimum base in either wave",
    )
    .option('--json', 'print JSON (the default)')
    .action(runs('compare'));

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
