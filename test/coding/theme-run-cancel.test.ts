import { discoverThemesOffThread, RunCancelledError } from '../../server/coding/off-thread';

const TOPICS = [
  'waiting times for appointments',
  'friendly reception staff',
  'parking at the practice',
  'telephone lines always busy',
];
const answers = Array.from({ length: 120 }, (_, i) => ({
  id: String(i + 1),
  text: `The ${TOPICS[i % TOPICS.length]} was ${['good', 'poor', 'fine'][i % 3]} on visit ${i % 7}.`,
}));

describe('a theme run off the request thread', () => {
  test('when it runs, then the worker reports its phases in order and the result comes back', async () => {
    const phases: string[] = [];
    const result = await discoverThemesOffThread(answers, {}, 120_000, {
      onProgress: (phase) => phases.at(-1) !== phase && phases.push(phase),
    });
    expect(phases).toEqual(['learning word meaning', 'choosing the number of themes', 'grouping answers', 'labelling']);
    expect(result.themes.length).toBeGreaterThan(0);
  });

  test('when it is cancelled while choosing the number of themes, then it stops with RunCancelledError and reports nothing more', async () => {
    const controller = new AbortController();
    const phases: string[] = [];
    const run = discoverThemesOffThread(answers, {}, 120_000, {
      signal: controller.signal,
      onProgress: (phase) => {
        phases.push(phase);
        if (phase === 'choosing the number of themes') controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(RunCancelledError);
    expect(phases.at(-1)).toBe('choosing the number of themes');
    expect(phases).not.toContain('labelling');
  });
});
