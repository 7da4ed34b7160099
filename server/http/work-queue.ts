import { ServiceUnavailableError } from '../errors';

export interface WorkQueueLimits {
  /** Tasks running at once in this process. */
  concurrency: number;
  /** Tasks waiting for a turn, over all users; past it, 503. */
  waiting: number;
  /** Tasks one user may have running or waiting; past it, 503 for that user only. */
  perUser: number;
  /** What Retry-After says when a task is turned away. */
  retryAfterSeconds: number;
  /** Named in the 503's message: "reports", "theme runs". */
  what: string;
}

/**
 * A bounded queue for heavy work (report rendering, theme runs): a few run at once, a few wait, and anyone asking
 * for more gets 503 with Retry-After at once rather than piling work onto the event loop, so the survey page
 * keeps answering. Per user too, so one person's ten downloads cannot take every turn from colleagues.
 * Hand-written: p-limit bounds concurrency but neither the waiting line nor per-user shares.
 */
export class WorkQueue {
  private running = 0;
  private readonly line: Array<() => void> = [];
  private readonly perUser = new Map<string, number>();

  constructor(private readonly limits: WorkQueueLimits) {}

  async run<T>(user: string, task: () => Promise<T>): Promise<T> {
    const mine = this.perUser.get(user) ?? 0;
    if (mine >= this.limits.perUser) this.turnAway(`you have ${mine} ${this.limits.what} in progress already`);
    if (this.running >= this.limits.concurrency && this.line.length >= this.limits.waiting)
      this.turnAway(`the server is busy with other ${this.limits.what}`);
    this.perUser.set(user, mine + 1);
    try {
      if (this.running >= this.limits.concurrency) await new Promise<void>((resolve) => this.line.push(resolve));
      else this.running += 1;
      try {
        return await task();
      } finally {
        // The turn passes straight to the next in line; `running` stays the same when there is one.
        const next = this.line.shift();
        if (next) next();
        else this.running -= 1;
      }
    } finally {
      const left = (this.perUser.get(user) ?? 1) - 1;
      if (left > 0) this.perUser.set(user, left);
      else this.perUser.delete(user);
    }
  }

  /** Running and waiting, for tests and logs. */
  get size(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.line.length };
  }

  private turnAway(reason: string): never {
    throw new ServiceUnavailableError({
      message: `Not now: ${reason}. Please try again in ${this.limits.retryAfterSeconds} seconds.`,
      retryAfter: this.limits.retryAfterSeconds,
    });
  }
}
