import { parentPort, workerData } from 'node:worker_threads';
import { discoverThemes, type AnswerInput, type InductiveOptions } from '../../analysis/coding/themes';

/** Runs the theme pipeline off the server's request thread, reporting each phase; see discoverThemesOffThread. */
const { answers, options } = workerData as { answers: AnswerInput[]; options: InductiveOptions };
const port = parentPort!;
const result = discoverThemes(answers, {
  ...options,
  onProgress: (phase, done, total) => port.postMessage({ kind: 'progress', phase, done, total }),
});
port.postMessage({ kind: 'result', result });
