/**
 * Group commit: saves that arrive together are written in one transaction with one wait for the disk (fsync on
 * SQLite, write concern on MongoDB), and each caller hears back only once that write is durable. Under load the
 * batches grow by themselves: while one batch is being written, the next gathers. Written here because the
 * batching libraries (dataloader and the like) are for reads and do not give per-item outcomes after a commit.
 */
export class GroupCommit<T, R> {
  private waiting: Array<{ item: T; resolve: (result: R) => void; reject: (error: unknown) => void }> = [];
  private writing = false;

  /**
   * `write` stores a batch durably and gives each item's result, or an Error for an item that failed on its own;
   * if it throws, every item of the batch fails with that error (nothing was acknowledged).
   */
  constructor(
    private readonly write: (items: T[]) => Promise<Array<R | Error>>,
    private readonly maxBatch = 256,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      // setImmediate: every request already read in this turn of the event loop joins the batch.
      if (!this.writing && this.waiting.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.maxBatch);
        try {
          const results = await this.write(batch.map((entry) => entry.item));
          batch.forEach((entry, i) => {
            const result = results[i]!;
            if (result instanceof Error) entry.reject(result);
            else entry.resolve(result);
          });
        } catch (error) {
          for (const entry of batch) entry.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
