import { parentPort, workerData } from 'node:worker_threads';
import { discoverThemes, type AnswerInput, type InductiveOptions } from '../../analysis/coding/themes';

/** Runs the theme pipeline off the server's request thread; see discoverThemesOffThread. */
const { answers, options } = workerData as { answers: AnswerInput[]; options: InductiveOptions };
parentPort!.postMessage(discoverThemes(answers, options));
