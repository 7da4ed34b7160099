import { mongoUriFromEnv } from '../../server/config';
import { openStore } from '../../server/store/open-store';
import { repositoryContract } from './repository-contract';

const uri = mongoUriFromEnv();

if (uri) {
  // Each run gets its own database so runs never see each other's data.
  const withDatabase = (base: string, name: string) => {
    const url = new URL(base);
    url.pathname = `/${name}`;
    return url.toString();
  };
  repositoryContract('MongoDB', () => openStore(withDatabase(uri, `canvass_test_${Date.now()}_${process.pid}`)));
} else {
  describe('MongoDB store contract', () => {
    test.skip('skipped: set MONGODB_URI (a replica set or Atlas URI) to run the contract suite on MongoDB', () => undefined);
  });
  // Said once on the console too, so a CI log shows why the suite did not run.
  console.info('MongoDB contract suite skipped: MONGODB_URI is not set');
}

describe('MongoDB adapter without a server', () => {
  test('when no MongoDB answers, then opening the store fails with an error instead of waiting', async () => {
    await expect(openStore('mongodb://127.0.0.1:9/canvass_unreachable')).rejects.toThrow();
  }, 20_000);
});
