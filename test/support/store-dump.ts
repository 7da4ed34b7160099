import Database from 'better-sqlite3';
import mongoose from 'mongoose';

/** Every table (SQLite) or collection (MongoDB) of a store, read whole, by name: for checks that nothing is kept anywhere. */
export async function dumpStore(location: string): Promise<Record<string, unknown[]>> {
  if (location.startsWith('sqlite:')) {
    const db = new Database(location.slice('sqlite:'.length), { readonly: true });
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>
    ).map((table) => table.name);
    const dump = Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM "${table}"`).all()]));
    db.close();
    return dump;
  }
  const connection = await mongoose.createConnection(location).asPromise();
  try {
    const collections = await connection.db!.listCollections().toArray();
    const entries = await Promise.all(
      collections.map(async ({ name }) => [name, await connection.db!.collection(name).find({}).toArray()] as const),
    );
    return Object.fromEntries(entries);
  } finally {
    await connection.close();
  }
}
