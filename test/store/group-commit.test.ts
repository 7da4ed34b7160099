import { GroupCommit } from '../../server/store/group-commit';

describe('group commit', () => {
  test('when saves arrive together, then they are written as one batch and each hears its own result', async () => {
    const batches: number[][] = [];
    const commits = new GroupCommit<number, string>(async (items) => {
      batches.push(items);
      return items.map((item) => `saved ${item}`);
    });
    const results = await Promise.all([1, 2, 3, 4].map((item) => commits.submit(item)));
    expect(results).toEqual(['saved 1', 'saved 2', 'saved 3', 'saved 4']);
    expect(batches).toEqual([[1, 2, 3, 4]]);
  });

  test('when saves arrive while a batch is being written, then they form the next batch, no larger than the limit', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const firstWritten = new Promise<void>((resolve) => (release = resolve));
    const commits = new GroupCommit<number, number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await firstWritten;
      return items;
    }, 2);
    const first = commits.submit(0);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [1, 2, 3].map((item) => commits.submit(item));
    release();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([[0], [1, 2], [3]]);
  });

  test('when one item fails on its own, then only it is refused; when the write fails, every item of the batch is', async () => {
    const commits = new GroupCommit<number, number>(async (items) => {
      if (items.includes(99)) throw new Error('disk gone');
      return items.map((item) => (item === 2 ? new Error('bad item') : item));
    });
    const outcomes = await Promise.allSettled([1, 2, 3].map((item) => commits.submit(item)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const failed = await Promise.allSettled([98, 99].map((item) => commits.submit(item)));
    expect(failed.map((outcome) => (outcome as PromiseRejectedResult).reason?.message)).toEqual([
      'disk gone',
      'disk gone',
    ]);
  });
});
