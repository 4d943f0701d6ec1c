// Test helpers for failures the app reports as an AppError (code, Italian message, details).
// Here in common so that every layer's tests can use them, db's included.
import { AppError } from '../errors';

/** The AppError a promise rejects with; any other rejection is rethrown, a resolution fails the test. */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

/** The AppError a call throws; any other error is rethrown, a return fails the test. */
export function thrown(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}
