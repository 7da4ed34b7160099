import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ForbiddenError, ServiceUnavailableError } from '../errors';
import type { WorkQueue } from '../http/work-queue';
import type { Role } from '../kernel/roles';
import type { CodingService } from './coding-service';
import { RunCancelledError } from './off-thread';

export const runStatusSchema = z.enum(['running', 'done', 'cancelled', 'failed']);
export type RunStatus = z.infer<typeof runStatusSchema>;

/** What a page shows of a theme run: where it is, who started it, and how it ended. */
export const themeRunViewSchema = z.object({
  id: z.string(),
  slug: z.string(),
  question: z.string(),
  startedBy: z.string(),
  startedAt: z.string(),
  status: runStatusSchema,
  phase: z.string(),
  done: z.number(),
  total: z.number(),
  message: z.string().nullable().describe('For a run that ended without a result: why, in words'),
});
export type ThemeRunView = z.infer<typeof themeRunViewSchema>;

interface ThemeRun extends ThemeRunView {
  controller: AbortController;
  endedAt: number | null;
}

// An ended run stays on show this long, so whoever comes back to the page learns how it ended.
const KEEP_ENDED_MS = 15 * 60_000;

/**
 * The theme runs of this process, one per question: starting a run on a question that has one running joins it,
 * so two researchers looking at the same question watch the same run. Each run goes through the bounded theme
 * queue, reports its phase from the worker thread, and can be cancelled by whoever started it or an admin; a run
 * cancelled or stopped at the time limit saves nothing, so the coding stays as it was.
 */
export class ThemeRuns {
  private readonly runs = new Map<string, ThemeRun>();

  constructor(
    private readonly coding: CodingService,
    private readonly queue: WorkQueue,
    /** Test only (config holdThemeRunsForTests): awaited before a run starts its work, to watch it in progress. */
    private readonly hold?: () => Promise<void>,
  ) {}

  /** Starts a run of the question, or joins the one already running; 503 at once when the queue is full. */
  async start(
    slug: string,
    question: string,
    user: { email: string; role: Role },
    options: { replace?: boolean } = {},
  ): Promise<ThemeRunView> {
    const existing = this.current(slug, question);
    if (existing?.status === 'running') return view(existing);
    await this.coding.checkMayRun(slug, question, user.role);
    const by = user.email;
    const run: ThemeRun = {
      id: randomUUID(),
      slug,
      question,
      startedBy: by,
      startedAt: new Date().toISOString(),
      status: 'running',
      phase: 'waiting for a turn',
      done: 0,
      total: 0,
      message: null,
      controller: new AbortController(),
      endedAt: null,
    };
    const work = this.queue.run(by, async () => {
      run.phase = 'reading answers';
      await this.hold?.();
      if (run.controller.signal.aborted) throw new RunCancelledError();
      await this.coding.code(slug, question, {
        by,
        role: user.role,
        replace: options.replace,
        signal: run.controller.signal,
        onProgress: (phase, done, total) => Object.assign(run, { phase, done, total }),
      });
    });
    let turnedAway: unknown = null;
    work.then(
      () => this.end(run, 'done', null),
      (error: unknown) => {
        if (error instanceof ServiceUnavailableError && run.phase === 'waiting for a turn') turnedAway = error;
        else if (error instanceof RunCancelledError || run.controller.signal.aborted)
          this.end(run, 'cancelled', 'Cancelled; the coding is as it was before the run.');
        else this.end(run, 'failed', error instanceof Error ? error.message : String(error));
      },
    );
    // The queue turns a run away before its first await: let that settle, and answer 503 rather than show a run.
    await new Promise((resolve) => setImmediate(resolve));
    if (turnedAway) throw turnedAway;
    this.runs.set(key(slug, question), run);
    return view(run);
  }

  /** A run for a script (JSON): waits its turn and its end, and says what a re-run replaced and kept. */
  async runNow(
    slug: string,
    question: string,
    user: { email: string; role: Role },
    options: { replace?: boolean } = {},
  ) {
    await this.coding.checkMayRun(slug, question, user.role);
    return this.queue.run(user.email, () =>
      this.coding.run(slug, question, { by: user.email, role: user.role, replace: options.replace }),
    );
  }

  /** The question's run, running or recently ended; null when there is none. */
  find(slug: string, question: string): ThemeRunView | null {
    const run = this.current(slug, question);
    return run ? view(run) : null;
  }

  /** Whether this person may cancel the question's run: whoever started it, or an admin. */
  mayCancel(run: ThemeRunView, user: { email: string; role: Role }): boolean {
    return run.status === 'running' && (user.role === 'admin' || user.email === run.startedBy);
  }

  cancel(slug: string, question: string, user: { email: string; role: Role }): ThemeRunView | null {
    const run = this.current(slug, question);
    if (!run || run.status !== 'running') return run ? view(run) : null;
    if (!this.mayCancel(run, user))
      throw new ForbiddenError({ message: `Only ${run.startedBy}, who started this run, or an admin can cancel it` });
    run.controller.abort();
    this.end(run, 'cancelled', 'Cancelled; the coding is as it was before the run.');
    return view(run);
  }

  private end(run: ThemeRun, status: RunStatus, message: string | null): void {
    // A run that finished saving before a cancel reached it did finish; say so rather than "cancelled".
    if (run.status !== 'running' && !(run.status === 'cancelled' && status === 'done')) return;
    run.status = status;
    run.message =
      status === 'done' && run.controller.signal.aborted ? 'It finished before it could be stopped.' : message;
    run.endedAt = Date.now();
    if (status === 'done') this.runs.delete(key(run.slug, run.question));
  }

  private current(slug: string, question: string): ThemeRun | undefined {
    const run = this.runs.get(key(slug, question));
    if (run?.endedAt && Date.now() - run.endedAt > KEEP_ENDED_MS) {
      this.runs.delete(key(slug, question));
      return undefined;
    }
    return run;
  }
}

const key = (slug: string, question: string) => `${slug}\u0000${question}`;

function view({ controller: _controller, endedAt: _endedAt, ...run }: ThemeRun): ThemeRunView {
  return { ...run };
}
