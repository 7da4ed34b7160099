import { parentPort, workerData } from 'node:worker_threads';
import { AnalysisInputError } from '../../analysis/input-error';
import { computeSurveyStats, type StatsResponse, type StatsSurvey } from '../../analysis/survey-stats';
import { withWeights, type PlainStatsOptions } from './stats-runner';

/**
 * Works out a survey's statistics off the server's request thread; see statsOffThread. Responses arrive in
 * batches, one batch asked for at a time, so the worker holds one batch as the store holds one page.
 */
const { survey, options, now } = workerData as { survey: StatsSurvey; options: PlainStatsOptions; now: string };
const port = parentPort!;
let waiting: ((batch: StatsResponse[] | null) => void) | null = null;
port.on('message', (message: { batch: StatsResponse[] | null }) => waiting?.(message.batch));

async function* responses(): AsyncIterable<StatsResponse> {
  for (;;) {
    const batch = await new Promise<StatsResponse[] | null>((resolve) => {
      waiting = resolve;
      port.postMessage({ kind: 'more' });
    });
    if (batch === null) return;
    yield* batch;
  }
}

computeSurveyStats(survey, responses(), withWeights(options), new Date(now)).then(
  (stats) => port.postMessage({ kind: 'result', stats }),
  (error: Error) =>
    port.postMessage({
      kind: 'error',
      name: error.name,
      field: error instanceof AnalysisInputError ? error.field : undefined,
      message: error.message,
    }),
);
