import { startServerProcess } from '../support/server-process';

// A server process starts in a few seconds, more on a loaded machine.
jest.setTimeout(60_000);

describe('a server process that cannot start', () => {
  test('when its store cannot be opened, then it says why and exits with 1, not listening', async () => {
    // /dev/null is a file: no folder for the database can be made under it.
    await expect(startServerProcess('sqlite:/dev/null/no-such-folder/canvass.db')).rejects.toThrow(
      /^server exited \(1\) before listening: canvass: Error: ENOTDIR: not a directory, mkdir '\/dev\/null\/no-such-folder'/,
    );
  });
});
