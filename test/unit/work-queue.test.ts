import { ServiceUnavailableError } from '../../server/errors';
import { WorkQueue } from '../../server/http/work-queue';

/** A task that runs until the test lets it finish. */
function heldTask() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  let started = false;
  return { task: async () => ((started = true), await done, 'ok'), finish: () => finish(), started: () => started };
}

describe('a bounded work queue', () => {
  test('when one user asks for more than their share, then the extra ones are turned away with 503 and Retry-After at once, and another user still gets a turn', async () => {
    const queue = new WorkQueue({ concurrency: 2, waiting: 8, perUser: 2, retryAfterSeconds: 10, what: 'reports' });
    const held = [heldTask(), heldTask()];
    const runs = held.map(({ task }) => queue.run('viewer@example.org', task));
    const extra = queue.run('viewer@example.org', async () => 'never');
    await expect(extra).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(extra).rejects.toMatchObject({
      status: 503,
      retryAfter: 10,
      message: expect.stringContaining('2 reports in progress'),
    });
    const colleague = heldTask();
    const theirs = queue.run('colleague@example.org', colleague.task);
    expect(queue.size).toEqual({ running: 2, waiting: 1 });
    expect(colleague.started()).toBe(false);
    held[0]!.finish();
    await runs[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(colleague.started()).toBe(true);
    colleague.finish();
    held[1]!.finish();
    await expect(Promise.all([theirs, runs[1]])).resolves.toEqual(['ok', 'ok']);
    expect(queue.size).toEqual({ running: 0, waiting: 0 });
    await expect(queue.run('viewer@example.org', async () => 'again')).resolves.toBe('again');
  });

  test('when the line is full, then anyone more is turned away, and a task that fails still frees its turn', async () => {
    const queue = new WorkQueue({ concurrency: 1, waiting: 1, perUser: 5, retryAfterSeconds: 30, what: 'theme runs' });
    const first = heldTask();
    const running = queue.run('a', first.task);
    const waiting = queue.run('b', async () => {
      throw new Error('the run failed');
    });
    await expect(queue.run('c', async () => 'never')).rejects.toMatchObject({
      status: 503,
      retryAfter: 30,
      message: expect.stringContaining('busy with other theme runs'),
    });
    first.finish();
    await running;
    await expect(waiting).rejects.toThrow('the run failed');
    expect(queue.size).toEqual({ running: 0, waiting: 0 });
  });
});
