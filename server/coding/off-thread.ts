import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnswerInput, InductiveOptions, InductiveResult } from '../../analysis/coding/themes';
import type { ProgressCallback } from '../../analysis/progress';
import { ServiceUnavailableError } from '../errors';

/** From the TypeScript sources (tsx, ts-jest) the worker needs tsx to load; compiled JavaScript does not. */
const fromSource = __filename.endsWith('.ts');
const WORKER = path.join(__dirname, `themes-worker${fromSource ? '.ts' : '.js'}`);

/** A run stopped by whoever started it (or an admin): the worker is ended and nothing is saved. */
export class RunCancelledError extends Error {
  constructor() {
    super('The run was cancelled; the coding is as it was');
    this.name = 'RunCancelledError';
  }
}

export interface OffThreadControls {
  /** Told each phase of the pipeline and how far it has gone. */
  onProgress?: ProgressCallback;
  /** Aborting ends the worker at once and rejects with RunCancelledError. */
  signal?: AbortSignal;
}

type WorkerMessage =
  { kind: 'progress'; phase: string; done: number; total: number } | { kind: 'result'; result: InductiveResult };

/**
 * Proposes codes and themes in a worker thread under a time limit, so that however many or however crafted the
 * answers, the survey page and staff pages keep answering while it runs, and a run that goes on too long is
 * stopped with a clear error instead of holding a CPU.
 */
export function discoverThemesOffThread(
  answers: AnswerInput[],
  options: InductiveOptions,
  timeLimitMs: number,
  controls: OffThreadControls = {},
): Promise<InductiveResult> {
  return new Promise((resolve, reject) => {
    if (controls.signal?.aborted) return reject(new RunCancelledError());
    const worker = new Worker(WORKER, {
      workerData: { answers, options },
      execArgv: fromSource ? ['--require', 'tsx/cjs'] : [],
    });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      controls.signal?.removeEventListener('abort', cancel);
      void worker.terminate();
      outcome();
    };
    const cancel = () => finish(() => reject(new RunCancelledError()));
    controls.signal?.addEventListener('abort', cancel, { once: true });
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new ServiceUnavailableError({
              message: `Proposing codes took longer than the limit of ${Math.round(timeLimitMs / 1000)} s and was stopped; code a sample of the answers, or raise CANVASS_ANALYSIS_SECONDS`,
            }),
          ),
        ),
      timeLimitMs,
    );
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') {
        if (!settled) controls.onProgress?.(message.phase, message.done, message.total);
      } else finish(() => resolve(message.result));
    });
    worker.once('error', (error) => finish(() => reject(error)));
  });
}
