import type { ThemeRunView } from './theme-runs';

/** A run as the page and its script show it: the phase in words, and a share when the amount is known. */
export function runModel(run: ThemeRunView) {
  const counted = run.total > 0;
  return {
    ...run,
    counted,
    percent: counted ? Math.round((100 * run.done) / run.total) : null,
    phaseText: counted ? `${run.phase}: ${run.done} of ${run.total}` : `${run.phase}…`,
    running: run.status === 'running',
  };
}
