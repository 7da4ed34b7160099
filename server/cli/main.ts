import fs from 'node:fs';
import { Command, Option } from 'commander';
import { loadConfig, passwordFromEnv, type Config } from '../config';
import { AppError } from '../errors';
import { ResponseService } from '../responses/response-service';
import { exportResponses, type ExportFormat } from '../responses/response-export';
import { importResponses } from '../responses/response-import';
import { exportXlsx } from '../responses/xlsx-export';
import { startServer } from '../server';
import { openStore } from '../store/open-store';
import type { Store } from '../store/repository';
import { SurveyService } from '../surveys/survey-service';
import { roleSchema } from '../users/user-schema';
import { UserService } from '../users/user-service';
import { StatsService, type StatsRequest } from '../stats/stats-service';
import { writeStatsCsv } from '../stats/stats-csv';
import { agreementFromCsv } from '../coding/agreement-csv';
import { autocodeCsv } from '../coding/autocode-csv';
import { exportCoding, type CodingExportFormat } from '../coding/coding-export';
import { CodingService } from '../coding/coding-service';
import { themesFromCsv } from '../coding/themes-csv';
import { CompareService } from '../stats/compare-service';
import { describeMethod } from '../../analysis/coding/themes';
import { PurgeService } from '../responses/purge';
import { renderReportDocx } from '../reports/report-docx';
import { renderReportHtml } from '../reports/report-html';
import { PdfPrinter } from '../reports/report-pdf';
import { ReportService } from '../reports/report-service';
import { ask, readPassword } from './read-password';

class CliError extends Error {}

function configFrom(command: Command): Config {
  const { store } = command.optsWithGlobals<{ store?: string }>();
  return loadConfig(process.env, store ? { store } : {});
}

/** Opens the store with the bundled surveys present, runs the work, and always closes the store. */
async function withStore<T>(command: Command, work: (store: Store, config: Config) => Promise<T>): Promise<T> {
  const config = configFrom(command);
  const store = await openStore(config.store);
  try {
    await new SurveyService(store).addBundled(config.surveysDir);
    return await work(store, config);
  } finally {
    await store.close();
  }
}

async function printOnce(html: string): Promise<Buffer> {
  const printer = new PdfPrinter();
  try {
    return await printer.print(html);
  } finally {
    await printer.close();
  }
}

export function buildProgram(): Command {
  const program = new Command('canvass')
    .description('Canvass: host SurveyJS surveys, distribute them by area, and analyse the answers.')
    .option('--store <location>', 'sqlite:<path> or a mongodb:// URI (default: CANVASS_STORE or sqlite:./data/canvass.db)')
    .showHelpAfterError();

  program
    .command('serve')
    .description('run the web server (the CQL/PQL survey is live at /s/gp-quality-clusters-2024)')
    .option('--port <port>', 'port to listen on (default: PORT or 3000)')
    .action(async (options: { port?: string }, command: Command) => {
      const config = loadConfig(process.env, {
        ...(command.optsWithGlobals<{ store?: string }>().store ? { store: command.optsWithGlobals<{ store: string }>().store } : {}),
        ...(options.port ? { port: options.port } : {}),
      });
      const server = await startServer(config);
      console.log(`Canvass is listening on ${server.url} (store: ${server.store.kind})`);
      console.log(`The CQL/PQL survey: ${server.url}/s/gp-quality-clusters-2024 · staff: ${server.url}/login`);
      const stop = (signal: string) => {
        console.log(`${signal}: finishing requests in flight, then stopping`);
        server.close().then(() => process.exit(0), (error) => {
          console.error(error);
          process.exit(1);
        });
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });

  const surveys = program.command('surveys').description('list the hosted surveys');
  surveys.action(async (_options, command: Command) => {
    await withStore(command, async (store) => {
      const list = await new SurveyService(store).listWithStatus();
      for (const { record, status } of list) console.log(`${record.slug}\t${status}\t${record.title}`);
    });
  });
  surveys
    .command('add <file>')
    .description('add or replace a survey from a SurveyJS JSON file (validated first)')
    .option('--slug <slug>', 'address of the survey (default: the file name)')
    .option('--distribution <file>', 'areas to distribute to: {"question": "lmc", "areas": [{"code", "name", "practices"}]}')
    .option('--analysis <file>', 'analysis settings: {"groupBy": "role", "bands": {"hours": [{"label", "from", "to"}]}}')
    .option('--report <file>', 'report definition: which questions form which finding (see surveys/*.report.json)')
    .action(async (file: string, options: { slug?: string; distribution?: string; analysis?: string; report?: string }, command: Command) => {
      await withStore(command, async (store) => {
        const record = await new SurveyService(store).addFromFile({
          file,
          slug: options.slug,
          distributionFile: options.distribution,
          analysisFile: options.analysis,
          reportFile: options.report,
        });
        console.log(`Added survey "${record.slug}": ${record.title}`);
        for (const area of record.distribution?.areas.filter((candidate) => candidate.correctedBy) ?? []) {
          console.log(`kept ${area.code}: ${area.practices} practices, as corrected by ${area.correctedBy} on ${area.correctedAt?.slice(0, 10)}`);
        }
      });
    });

  const users = program.command('users').description('manage staff accounts (any change signs the account out everywhere)');
  users
    .command('add <email>')
    .description('create a staff account, or change its role and password (password from stdin or CANVASS_PASSWORD)')
    .addOption(new Option('--role <role>', 'admin, researcher or viewer').choices(roleSchema.options).makeOptionMandatory())
    .option('--surveys <slugs>', 'comma-separated surveys a researcher or viewer may see (new accounts: all; existing ones keep theirs)')
    .option('--all-surveys', 'lift a restriction to some surveys')
    .action(async (email: string, options: { role: 'admin' | 'researcher' | 'viewer'; surveys?: string; allSurveys?: boolean }, command: Command) => {
      if (options.surveys !== undefined && options.allSurveys) throw new CliError('--surveys and --all-surveys contradict each other: give one');
      const password = passwordFromEnv() ?? (await readPassword(`Password for ${email}: `));
      const surveys = options.allSurveys ? ('all' as const) : options.surveys?.split(',').map((slug) => slug.trim()).filter(Boolean);
      await withStore(command, async (store) => {
        const outcome = await new UserService(store).add({ email, role: options.role, password, surveys });
        console.log(`${outcome === 'created' ? 'Created' : 'Updated'} ${options.role} ${email.toLowerCase()}`);
      });
    });
  users
    .command('list')
    .description('list staff accounts with role, surveys and status')
    .action(async (_options, command: Command) => {
      await withStore(command, async (store) => {
        for (const user of await new UserService(store).list()) {
          const surveys = user.role === 'admin' || !user.surveys ? 'all surveys' : user.surveys.join(',');
          console.log(`${user.email}\t${user.role}\t${surveys}\t${user.disabled ? 'disabled' : 'active'}`);
        }
      });
    });
  const statusChanges = [
    { name: 'disable', description: 'stop an account signing in and end its sessions (kept, can be enabled again)', run: (service: UserService, email: string) => service.setDisabled(email, true), done: 'Disabled' },
    { name: 'enable', description: 'let a disabled account sign in again', run: (service: UserService, email: string) => service.setDisabled(email, false), done: 'Enabled' },
    { name: 'remove', description: 'delete an account and end its sessions', run: (service: UserService, email: string) => service.remove(email), done: 'Removed' },
  ];
  for (const change of statusChanges) {
    users
      .command(`${change.name} <email>`)
      .description(change.description)
      .action(async (email: string, _options, command: Command) => {
        await withStore(command, (store) => change.run(new UserService(store), email));
        console.log(`${change.done} ${email.toLowerCase()}`);
      });
  }

  program
    .command('import <slug> <file>')
    .description('import responses from a JSON array or a CSV whose header is question names')
    .action(async (slug: string, file: string, _options, command: Command) => {
      if (!fs.existsSync(file)) throw new CliError(`No such file: ${file}`);
      const summary = await withStore(command, async (store) => {
        const surveyService = new SurveyService(store);
        return importResponses(surveyService, new ResponseService(store, surveyService), slug, file);
      });
      if (summary.encoding !== 'utf-8') console.log(`read as Windows-1252: the file is not valid UTF-8`);
      console.log(`imported: ${summary.imported}`);
      console.log(`already present: ${summary.alreadyPresent}`);
      console.log(`rejected: ${new Set(summary.rejected.map((reject) => reject.row)).size}`);
      for (const reject of summary.rejected) console.error(`row ${reject.row}: ${reject.field}: ${reject.reason}`);
      if (summary.rejected.length > 0) process.exitCode = 1;
    });

  program
    .command('export <slug>')
    .description('export every response (json, csv, xlsx with a codebook sheet) or the coding of a question (qdc, codes-csv, segments-csv)')
    .addOption(new Option('--format <format>', 'json, csv or xlsx; qdc, qdpx, codes-csv or segments-csv with --question').choices(['json', 'csv', 'xlsx', 'qdc', 'qdpx', 'codes-csv', 'segments-csv']).default('csv'))
    .option('--question <name>', 'the coded free-text question (for qdc, codes-csv, segments-csv)')
    .option('--out <file>', 'write to a file instead of standard output (required for xlsx)')
    .action(async (slug: string, options: { format: ExportFormat | 'xlsx' | 'qdpx' | CodingExportFormat; out?: string; question?: string }, command: Command) => {
      if (options.format === 'qdpx') {
        if (!options.question || !options.out) throw new CliError('--format qdpx needs --question <name> and --out <file.qdpx>');
        const buffer = await withStore(command, (store) => new CodingService(store, new SurveyService(store)).qdpx(slug, options.question!));
        fs.writeFileSync(options.out, buffer);
        console.error(`Exported the coding of ${options.question} as a REFI-QDA project to ${options.out}`);
        return;
      }
      if (options.format === 'qdc' || options.format === 'codes-csv' || options.format === 'segments-csv') {
        if (!options.question) throw new CliError(`--format ${options.format} needs --question <name>`);
        const format = options.format;
        const content = await withStore(command, async (store) => exportCoding(await new CodingService(store, new SurveyService(store)).get(slug, options.question!), format));
        if (options.out) fs.writeFileSync(options.out, content);
        else process.stdout.write(content);
        return;
      }
      if (options.format === 'xlsx') {
        if (!options.out) throw new CliError('--format xlsx needs --out <file.xlsx>');
        const count = await withStore(command, (store) => exportXlsx(store, new SurveyService(store), slug, options.out!));
        console.error(`Exported ${count} responses and the codebook to ${options.out}`);
        return;
      }
      const format = options.format;
      const count = await withStore(command, async (store) => {
        const out = options.out ? fs.createWriteStream(options.out) : process.stdout;
        const written = await exportResponses(store, new SurveyService(store), slug, format, out);
        if (options.out) await new Promise<void>((resolve, reject) => (out as fs.WriteStream).end((error?: Error | null) => (error ? reject(error) : resolve())));
        return written;
      });
      if (options.out) console.error(`Exported ${count} responses to ${options.out}`);
    });

  program
    .command('purge <slug>')
    .description('delete the responses last saved before a date, after showing how many and asking to confirm')
    .requiredOption('--before <date>', 'responses saved before this date (YYYY-MM-DD) go')
    .option('--yes', 'confirm without asking (for scripts)')
    .action(async (slug: string, options: { before: string; yes?: boolean }, command: Command) => {
      await withStore(command, async (store) => {
        const purge = new PurgeService(store, new SurveyService(store));
        const count = await purge.count(slug, options.before);
        console.log(`${count} responses to "${slug}" were last saved before ${options.before}.`);
        if (count === 0) return;
        if (!options.yes) {
          if (!process.stdin.isTTY) throw new CliError('Nothing deleted: add --yes to confirm when not at a terminal');
          const typed = await ask(`Type the survey name (${slug}) to delete them for good: `);
          if (typed.trim() !== slug) throw new CliError('Nothing deleted: the name did not match');
        }
        console.log(`Deleted ${await purge.purge(slug, options.before)} responses.`);
      });
    });

  program
    .command('report <slug>')
    .description('the joint-review style report as HTML, PDF or Word (by the --out extension); DRAFT unless --final')
    .requiredOption('--out <file>', 'report.html, report.pdf or report.docx')
    .option('--final', 'mark the report final (no DRAFT marks)')
    .option('--suppress-below <n>', "the cell rule instead of the survey's minimum base: hide counts from 1 to n-1")
    .option('--no-suppress', 'show every figure (internal use only; the report says so)')
    .option('--weight <question>', 'weight figures to the practices in each area of this distribution question (lmc)')
    .action(async (slug: string, options: { out: string; final?: boolean; suppressBelow?: string; suppress: boolean; weight?: string }, command: Command) => {
      const format = /\.(html?|pdf|docx)$/i.exec(options.out)?.[1]?.toLowerCase();
      if (!format) throw new CliError('--out must end in .html, .pdf or .docx');
      // Absent: the survey's publication rule (minimum base); a number: the cell rule; --no-suppress: none.
      const suppressBelow = !options.suppress ? null : options.suppressBelow === undefined ? undefined : Number(options.suppressBelow);
      if (typeof suppressBelow === 'number' && (!Number.isInteger(suppressBelow) || suppressBelow < 2)) throw new CliError('--suppress-below takes a whole number of at least 2');
      const report = await withStore(command, (store) =>
        new ReportService(store, new SurveyService(store)).build(slug, { final: options.final, suppressBelow, weightBy: options.weight }),
      );
      const html = renderReportHtml(report);
      const content = format === 'docx' ? await renderReportDocx(report) : format === 'pdf' ? await printOnce(html) : html;
      fs.writeFileSync(options.out, content);
      console.log(`Wrote ${report.final ? 'final' : 'DRAFT'} report to ${options.out}`);
    });

  program
    .command('autocode <file>')
    .description('suggest codes for the rows whose codes cell is empty, learning from the rows a researcher coded')
    .requiredOption('--text <column>', 'the column with the answer text')
    .requiredOption('--codes <column>', 'the column with codes separated by ";" (empty = to suggest)')
    .option('--id <column>', 'the column naming each row')
    .requiredOption('--out <file>', 'where to write the CSV with suggestions and a confidence column')
    .action((file: string, options: { text: string; codes: string; id?: string; out: string }) => {
      if (!fs.existsSync(file)) throw new CliError(`No such file: ${file}`);
      const summary = autocodeCsv(file, options.out, { text: options.text, codes: options.codes, id: options.id });
      console.log(`learned ${summary.codes} codes from ${summary.coded} coded rows; suggested codes for ${summary.suggested} rows in ${options.out}`);
    });

  program
    .command('code <slug>')
    .description('propose codes and candidate themes for a free-text question from the stored answers, for researchers to review')
    .requiredOption('--question <name>', 'the free-text question')
    .option('--codebook <file>', 'also apply a codebook (JSON or YAML)')
    .option('--replace', 'start again even though researchers have reviewed the coding (kept in the audit trail)')
    .action(async (slug: string, options: { question: string; codebook?: string; replace?: boolean }, command: Command) => {
      if (options.codebook && !fs.existsSync(options.codebook)) throw new CliError(`No such file: ${options.codebook}`);
      const state = await withStore(command, (store, config) =>
        new CodingService(store, new SurveyService(store), undefined, config.analysisSeconds * 1000).code(slug, options.question, { codebook: options.codebook, replace: options.replace, by: 'canvass code (command line)' }),
      );
      const answers = new Set(state.segments.map((segment) => segment.responseId)).size;
      console.log(`${answers} answers, ${state.segments.length} segments: ${state.codes.length} codes and ${state.themes.length} candidate themes proposed for review`);
      if (state.method) console.log(describeMethod(state.method));
    });

  program
    .command('themes <file>')
    .description('candidate codes and themes from free-text answers in a CSV, for researchers to review')
    .requiredOption('--text <column>', 'the column with the answer text')
    .option('--id <column>', 'the column naming each row (default: row number)')
    .option('--themes <n>', 'how many candidate themes (default: chosen from the answers, by stability across random starts)')
    .option('--codebook <file>', 'a codebook (JSON or YAML) to apply too, e.g. surveys/gp-quality-clusters-2024.codebook.json')
    .requiredOption('--out <file>', 'where to write themes.json')
    .action((file: string, options: { text: string; id?: string; themes?: string; codebook?: string; out: string }) => {
      if (!fs.existsSync(file)) throw new CliError(`No such file: ${file}`);
      const count = (value: string | undefined, name: string) => {
        if (value === undefined) return undefined;
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1) throw new CliError(`--${name} takes a whole number of at least 1`);
        return n;
      };
      if (options.codebook && !fs.existsSync(options.codebook)) throw new CliError(`No such file: ${options.codebook}`);
      const result = themesFromCsv(file, options.out, { text: options.text, id: options.id }, {
        themes: count(options.themes, 'themes'),
        codebook: options.codebook,
      });
      console.log(`${result.codes.length} codes in ${result.themes.length} candidate themes written to ${options.out}`);
      console.log(describeMethod(result.method));
      for (const theme of result.themes) console.log(`  ${theme.label} (${theme.members.length} answers)`);
    });

  program
    .command('agreement <file>')
    .description('agreement between coders: percent agreement, Krippendorff\'s alpha (nominal), Cohen\'s kappa (two coders), per code')
    .requiredOption('--coders <columns>', 'comma-separated coder columns, e.g. coderA,coderB')
    .option('--unit <column>', 'the column naming each unit')
    .option('--json', 'print JSON (the default)')
    .action((file: string, options: { coders: string; unit?: string }) => {
      if (!fs.existsSync(file)) throw new CliError(`No such file: ${file}`);
      const coders = options.coders.split(',').map((coder) => coder.trim()).filter(Boolean);
      process.stdout.write(`${JSON.stringify(agreementFromCsv(file, coders, options.unit), null, 2)}\n`);
    });

  program
    .command('stats <slug>')
    .description('descriptive statistics as JSON (or tidy CSV tables): counts, %, 95% CIs, tests by group')
    .option('--by <question>', 'repeat every figure per answer to this question (e.g. role), with tests')
    .option('--where <question=value>', 'only responses with this answer (repeatable)', (value: string, all: string[]) => [...all, value], [] as string[])
    .option('--from <date>', 'submitted on or after this date')
    .option('--to <date>', 'submitted on or before this date')
    .option('--include-partial', 'add partial responses to the figures')
    .option('--weight <question>', "weight responses to the practices in each area of the survey's distribution question (lmc)")
    .option('--publish', "apply the survey's publication rule: withhold figures for any group below its minimum base (default 10)")
    .option('--suppress-below <n>', 'the cell rule instead: hide counts from 1 to n-1 (e.g. 5)')
    .option('--json', 'print JSON (the default)')
    .option('--csv <dir>', 'write one tidy CSV per question into this folder instead')
    .action(async (slug: string, options: StatsCliOptions, command: Command) => {
      const request = statsRequestFrom(options);
      const stats = await withStore(command, async (store) => {
        const surveyService = new SurveyService(store);
        return new StatsService(store, surveyService).compute(slug, request);
      });
      if (options.csv) {
        for (const file of writeStatsCsv(stats, options.csv)) console.log(file);
      } else {
        process.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
      }
    });

  program
    .command('compare <slugA> <slugB>')
    .description('two waves of a survey compared question by question (B minus A): shares, change with 95% interval, p')
    .option('--by <question>', 'compare within each answer to this question too (e.g. role)')
    .option('--json', 'print JSON (the default)')
    .action(async (slugA: string, slugB: string, options: { by?: string }, command: Command) => {
      const comparison = await withStore(command, (store) => new CompareService(store, new SurveyService(store)).compare(slugA, slugB, options.by));
      process.stdout.write(`${JSON.stringify(comparison, null, 2)}\n`);
    });

  return program;
}

interface StatsCliOptions {
  by?: string;
  where: string[];
  from?: string;
  to?: string;
  includePartial?: boolean;
  suppressBelow?: string;
  publish?: boolean;
  weight?: string;
  csv?: string;
}

function statsRequestFrom(options: StatsCliOptions): StatsRequest {
  const where = options.where.map((pair): [string, string] => {
    const at = pair.indexOf('=');
    if (at < 1) throw new CliError(`--where takes question=value, not "${pair}"`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  });
  const suppressBelow = options.suppressBelow === undefined ? null : Number(options.suppressBelow);
  if (suppressBelow !== null && (!Number.isInteger(suppressBelow) || suppressBelow < 2)) {
    throw new CliError('--suppress-below takes a whole number of at least 2');
  }
  if (options.publish && suppressBelow !== null) throw new CliError('--publish and --suppress-below are two different rules: give one');
  return { by: options.by, where, from: options.from, to: options.to, includePartial: options.includePartial, suppressBelow, publish: options.publish, weightBy: options.weight ?? null };
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof AppError) {
      console.error(`canvass: ${error.message}`);
      for (const detail of error.details ?? []) console.error(`  ${detail.field}: ${detail.message}`);
    } else if (error instanceof CliError || (error instanceof Error && /^Invalid configuration|^Unknown store/.test(error.message))) {
      console.error(`canvass: ${error.message}`);
    } else {
      console.error('canvass:', error);
    }
    process.exitCode = 1;
  }
}
