import type { ProgressCallback } from '../../analysis/progress';

export interface CliProgress {
  /** Pass to long work: draws the phase and, when the amount is known, a bar and "done of total". */
  report: ProgressCallback;
  /** Clears the line; call before printing the result. */
  stop(): void;
}

const SILENT: CliProgress = { report: () => undefined, stop: () => undefined };

/**
 * Progress on standard error for a person watching a terminal, through cli-progress (loaded here, only when it
 * draws, so `canvass --help` loads commander alone). Scripts and CI, whose standard error is not a terminal, and
 * --quiet, get nothing; standard output is never touched.
 */
export function cliProgress(options: { quiet?: boolean; stream?: NodeJS.WriteStream } = {}): CliProgress {
  const stream = options.stream ?? process.stderr;
  if (options.quiet || !stream.isTTY) return SILENT;
  const { SingleBar, Format } = require('cli-progress') as typeof import('cli-progress');
  let phase = '';
  const bar = new SingleBar({
    stream,
    hideCursor: false,
    clearOnComplete: true,
    barsize: 30,
    format: (options, params) => {
      if (params.total > 0)
        return `${phase}: ${params.value.toLocaleString('en-GB')} of ${params.total.toLocaleString('en-GB')} ${Format.BarFormat(params.progress, options)}`;
      return params.value > 0 ? `${phase}: ${params.value.toLocaleString('en-GB')}` : `${phase}…`;
    },
  });
  let started = false;
  return {
    report: (next, done, total) => {
      const changed = next !== phase;
      phase = next;
      if (!started) {
        bar.start(total, done);
        started = true;
        return;
      }
      if (bar.getTotal() !== total) bar.setTotal(total);
      bar.update(done);
      // A new phase is drawn at once, whatever the frame rate: it is the line people read.
      if (changed) bar.render();
    },
    stop: () => {
      if (started) bar.stop();
      started = false;
    },
  };
}

/** The global --quiet, from any command's options. */
export function quietFrom(command: { optsWithGlobals(): Record<string, unknown> }): boolean {
  return command.optsWithGlobals().quiet === true;
}
