import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AnalysisInputError } from '../../analysis/input-error';
import {
  computeSurveyStats,
  type StatsOptions,
  type StatsResponse,
  type StatsSurvey,
  type SurveyStats,
} from '../../analysis/survey-stats';
import { ServiceUnavailableError } from '../errors';

/** Statistics options that can cross to a worker: weights as a table by area rather than a function. */
export type PlainStatsOptions = Omit<StatsOptions, 'weight'> & {
  weight?: { by: string; table: Record<string, number> };
};

/** Works out statistics from a stream of responses: in this thread (the command line) or in a worker (the server). */
export type StatsRunner = (
  survey: StatsSurvey,
  responses: AsyncIterable<StatsResponse>,
  options: PlainStatsOptions,
  now: Date,
) => Promise<SurveyStats>;

export function withWeights({ weight, ...options }: PlainStatsOptions): StatsOptions {
  if (!weight) return options;
  const { by, table } = weight;
  return { ...options, weight: { by, of: (data) => table[String(data[by])] ?? 1 } };
}

/** In this thread: for the command line and benchmarks, where nothing else is waiting. */
export const statsInThread: StatsRunner = (survey, responses, options, now) =>
  computeSurveyStats(survey, responses, withWeights(options), now);

const fromSource = __filename.endsWith('.ts');
const WORKER = path.join(__dirname, `stats-worker${fromSource ? '.ts' : '.js'}`);
const BATCH = 1000;

/**
 * In a worker thread under a time limit, for the server: however wide the table or however many responses, the
 * survey page, /healthz and other staff pages keep answering while statistics are worked out, and a run that
 * goes on too long is stopped with a clear error instead of holding a CPU. This thread only reads the store
 * and hands the worker one batch of responses each time it asks.
 */
export function statsOffThread(timeLimitMs: number): StatsRunner {
  return (survey, responses, options, now) =>
    new Promise((resolve, reject) => {
      const plainSurvey: StatsSurvey = {
        slug: survey.slug,
        title: survey.title,
        definition: survey.definition,
        distribution: survey.distribution,
        analysis: survey.analysis,
      };
      const worker = new Worker(WORKER, {
        workerData: { survey: plainSurvey, options, now: now.toISOString() },
        execArgv: fromSource ? ['--require', 'tsx/cjs'] : [],
      });
      const source = responses[Symbol.asyncIterator]();
      let settled = false;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        void source.return?.();
        outcome();
      };
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(
              new ServiceUnavailableError({
                message: `Working out the statistics took longer than the limit of ${Math.round(timeLimitMs / 1000)} s and was stopped; ask for fewer simulations or a narrower split, or raise CANVASS_ANALYSIS_SECONDS`,
              }),
            ),
          ),
        timeLimitMs,
      );
      const sendBatch = async () => {
        const batch: StatsResponse[] = [];
        while (batch.length < BATCH) {
          const next = await source.next();
          if (next.done) break;
          const { data, complete, submittedAt } = next.value;
          batch.push({ data, complete, submittedAt });
        }
        if (!settled) worker.postMessage({ batch: batch.length > 0 ? batch : null });
      };
      worker.on(
        'message',
        (
          message:
            | { kind: 'more' }
            | { kind: 'result'; stats: SurveyStats }
            | { kind: 'error'; name: string; field?: string; message: string },
        ) => {
          if (message.kind === 'more') sendBatch().catch((error: unknown) => finish(() => reject(error)));
          else if (message.kind === 'result') finish(() => resolve(message.stats));
          else
            finish(() =>
              reject(
                message.field !== undefined
                  ? new AnalysisInputError(message.field, message.message)
                  : new Error(message.message),
              ),
            );
        },
      );
      worker.once('error', (error) => finish(() => reject(error)));
    });
}
