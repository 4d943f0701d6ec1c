// One way for tests to share a set-up: open it before the tests, close it after, and read it
// through an object that stands for whichever one is open.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

export interface FixtureSpec<T> {
  /** Named in the error thrown when the fixture is read outside the tests. */
  what: string;
  /** 'test' (default): opened before and closed after each test; 'suite': once around the tests of the file or `describe` it is registered in. */
  scope?: 'test' | 'suite';
  open(): Promise<T>;
  close(value: T): Promise<void>;
}

/**
 * Registers `spec.open` and `spec.close` as vitest hooks and returns an object whose `fields`
 * read the value open at the time (a method is bound to it). Read outside the tests, it throws.
 */
export function useFixture<T extends object, K extends keyof T>(spec: FixtureSpec<T>, fields: readonly K[]): Pick<T, K> {
  let current: T | null = null;
  const setUp = async (): Promise<void> => {
    current = await spec.open();
  };
  const tearDown = async (): Promise<void> => {
    const done = current;
    current = null;
    if (done) await spec.close(done);
  };
  if (spec.scope === 'suite') {
    beforeAll(setUp);
    afterAll(tearDown);
  } else {
    beforeEach(setUp);
    afterEach(tearDown);
  }
  const open = (): T => {
    if (!current) throw new Error(`${spec.what} exists only while the tests run`);
    return current;
  };
  const view = {} as Pick<T, K>;
  for (const key of fields) {
    Object.defineProperty(view, key, {
      enumerable: true,
      get: () => {
        const value = open();
        const field = value[key];
        return typeof field === 'function' ? field.bind(value) : field;
      },
    });
  }
  return view;
}
