import { openStore } from '../../server/store/open-store';
import { repositoryContract } from './repository-contract';
import { storeTargets } from '../support/stores';

const mongo = storeTargets.find((target) => target.name === 'MongoDB');
if (mongo) repositoryContract('MongoDB', () => openStore(mongo.fresh()));
else
  repositoryContract(
    'MongoDB (skipped: MONGODB_URI is not set)',
    () => Promise.reject(new Error('no MongoDB')),
    describe.skip,
  );

describe('MongoDB adapter without a server', () => {
  test('when no MongoDB answers, then opening the store fails with an error instead of waiting', async () => {
    await expect(openStore('mongodb://127.0.0.1:9/canvass_unreachable')).rejects.toThrow();
  }, 20_000);
});
