import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnswerInput, InductiveOptions, InductiveResult } from '../../analysis/coding/themes';
import { ServiceUnavailableError } from '../errors';

/** From the TypeScript sources (tsx, ts-jest) the worker needs tsx to load; compiled JavaScript does not. */
const fromSource = __filename.endsWith('.ts');
const WORKER = path.join(__dirname, `themes-worker${fromSource ? '.ts' : '.js'}`);

/**
 * Proposes codes and themes in a worker thread under a time limit, so that however many or however crafted the
 * answers, the survey page and staff pages keep answering while it runs, and a run that goes on too long is
 * stopped with a clear error instead of holding a CPU.
 */
export function discoverThemesOffThread(answers: AnswerInput[], options: InductiveOptions, timeLimitMs: number): Promise<InductiveResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { answers, options }, execArgv: fromSource ? ['--require', 'tsx/cjs'] : [] });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(
        new ServiceUnavailableError({
          message: `Proposing codes took longer than the limit of ${Math.round(timeLimitMs / 1000)} s and was stopped; code a sample of the answers, or raise CANVASS_ANALYSIS_SECONDS`,
        }),
      );
    }, timeLimitMs);
    worker.once('message', (result: InductiveResult) => {
      clearTimeout(timer);
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
