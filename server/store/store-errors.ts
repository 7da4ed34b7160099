import { StoreUnavailableError } from '../errors';

/**
 * The adapters' boundary for driver failures: a repository call whose driver says the store cannot be reached or
 * written just now (`isOutage`) fails with StoreUnavailableError instead, whether it throws at once, rejects, or
 * fails while a stream of records is read; every other error passes unchanged. A Proxy over each repository, so
 * that the same try/catch is not written around each of the repositories' methods in both adapters.
 */
export function translatingOutages<T extends object>(repository: T, isOutage: (error: unknown) => boolean): T {
  const translated = (error: unknown) => (isOutage(error) ? StoreUnavailableError.outage(error) : error);
  async function* guardedStream<V>(stream: AsyncIterable<V>): AsyncGenerator<V> {
    try {
      yield* stream;
    } catch (error) {
      throw translated(error);
    }
  }
  const guarded = (result: unknown): unknown => {
    if (result instanceof Promise)
      return result.catch((error: unknown) => {
        throw translated(error);
      });
    if (isAsyncIterable(result)) return guardedStream(result);
    return result;
  };
  const wrappers = new WeakMap<(...args: unknown[]) => unknown, (...args: unknown[]) => unknown>();
  return new Proxy(repository, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      let wrapper = wrappers.get(method);
      if (!wrapper) {
        wrapper = (...args: unknown[]) => {
          try {
            return guarded(method.apply(target, args));
          } catch (error) {
            throw translated(error);
          }
        };
        wrappers.set(method, wrapper);
      }
      return wrapper;
    },
  });
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
