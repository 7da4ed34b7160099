import Database from 'better-sqlite3';
import mongoose from 'mongoose';
import { openStore } from '../../server/store/open-store';
import type { Store } from '../../server/store/repository';
import { storeTargets } from '../support/stores';

const SLUG = 's-corrupt';
const AT = '2024-05-01T09:00:00.000Z';

/** Changes one stored document behind the store's back, as a hand edit or a broken version would. */
interface Damage {
  /** SQLite: table, the assignment, the row. */
  sqlite: [table: string, set: string, where: string];
  /** MongoDB: collection, the document, the fields to set. */
  mongo: [collection: string, filter: Record<string, unknown>, set: Record<string, unknown>];
}

async function damage(location: string, { sqlite, mongo }: Damage): Promise<void> {
  if (location.startsWith('sqlite:')) {
    const db = new Database(location.slice('sqlite:'.length));
    db.prepare(`UPDATE ${sqlite[0]} SET ${sqlite[1]} WHERE ${sqlite[2]}`).run();
    db.close();
    return;
  }
  const connection = await mongoose.createConnection(location).asPromise();
  await connection.collection(mongo[0]).updateOne(mongo[1], { $set: mongo[2] });
  await connection.close();
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const read: T[] = [];
  for await (const item of items) read.push(item);
  return read;
}

const cases: Array<{
  name: string;
  arrange: (store: Store) => Promise<unknown>;
  damage: Damage;
  read: (store: Store) => Promise<unknown>;
  error: RegExp;
}> = [
  {
    name: "a response's answers are not JSON (or not an object)",
    arrange: (store) =>
      store.responses.save({ surveySlug: SLUG, id: 'r1', data: { q: 1 }, complete: true, submittedAt: AT }),
    damage: {
      sqlite: ['responses', `data = '{oops'`, `id = 'r1'`],
      mongo: ['responses', { id: 'r1' }, { data: 'oops' }],
    },
    read: (store) => store.responses.get(SLUG, 'r1'),
    error: /^The stored response "r1" of survey "s-corrupt" is not (JSON|valid: data: expected a JSON object)/,
  },
  {
    name: 'a response read in a stream for analysis has a list for its answers',
    arrange: (store) =>
      store.responses.save({ surveySlug: SLUG, id: 'r2', data: { q: 2 }, complete: true, submittedAt: AT }),
    damage: {
      sqlite: ['responses', `data = '[1, 2]'`, `id = 'r2'`],
      mongo: ['responses', { id: 'r2' }, { data: [1, 2] }],
    },
    read: (store) => all(store.responses.stream(SLUG)),
    error: /^The stored response "r2" of survey "s-corrupt" is not valid: data: expected a JSON object/,
  },
  {
    name: "a survey's distribution names its question with a number",
    arrange: (store) =>
      store.surveys.upsert(
        {
          slug: SLUG,
          title: 'Corrupt',
          definition: { pages: [] },
          distribution: { question: 'lmc', areas: [{ code: 'fife', name: 'Fife', practices: 50 }] },
          analysis: null,
          report: null,
        },
        AT,
      ),
    damage: {
      sqlite: ['surveys', `distribution = '{"question": 5, "areas": []}'`, `slug = '${SLUG}'`],
      mongo: ['surveys', { slug: SLUG }, { 'distribution.question': 5 }],
    },
    read: (store) => store.surveys.get(SLUG),
    error: /^The stored survey "s-corrupt" is not valid: distribution\.question: /,
  },
  {
    name: "an account's survey restrictions are a word, not a list",
    arrange: (store) =>
      store.users.put({
        email: 'a@example.org',
        role: 'viewer',
        passwordHash: 'x',
        createdAt: AT,
        surveys: [SLUG],
        disabled: false,
        changedAt: AT,
      }),
    damage: {
      sqlite: ['users', `surveys = '"all"'`, `email = 'a@example.org'`],
      mongo: ['users', { email: 'a@example.org' }, { surveys: 'all' }],
    },
    read: (store) => store.users.findByEmail('a@example.org'),
    error: /^The stored account "a@example.org" is not valid: surveys: /,
  },
  {
    name: "an API token's expiry is not text",
    arrange: (store) =>
      store.apiTokens.add({
        id: 't1',
        userEmail: 'a@example.org',
        name: 'script',
        hash: 'h1',
        createdAt: AT,
        expiresAt: null,
        revokedAt: null,
      }),
    damage: {
      sqlite: ['api_tokens', `expires_at = x'05'`, `id = 't1'`],
      mongo: ['api_tokens', { id: 't1' }, { expiresAt: 5 }],
    },
    read: (store) => store.apiTokens.findByHash('h1'),
    error: /^The stored API token "t1" is not valid: expiresAt: /,
  },
  {
    name: 'a coding has lost the question it belongs to',
    arrange: (store) =>
      store.codings.save({ surveySlug: SLUG, question: 'q' }, 0, { operation: 'code', doneBy: 'test', doneAt: AT }),
    damage: {
      sqlite: ['codings', `state = '{"surveySlug": "${SLUG}"}'`, `question = 'q'`],
      mongo: ['codings', { surveySlug: SLUG, question: 'q' }, { state: JSON.stringify({ surveySlug: SLUG }) }],
    },
    read: (store) => store.codings.get(SLUG, 'q'),
    error: /^The stored coding of question "q" in survey "s-corrupt" is not valid: question: /,
  },
];

describe.each(storeTargets)('on $name', (target) => {
  test.each(cases)('when $name, then reading it fails with an error naming the record', async (spec) => {
    const location = target.fresh();
    const store = await openStore(location);
    try {
      await spec.arrange(store);
      await damage(location, spec.damage);
      await expect(spec.read(store)).rejects.toThrow(spec.error);
    } finally {
      await store.close();
    }
  });
});
