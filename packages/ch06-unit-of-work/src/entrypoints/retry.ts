import { backOff } from 'exponential-backoff';
import { isConcurrencyConflict } from '../adapters/postgres-errors';

/**
 * Runs `work` again, a bounded number of times with jittered exponential back-off, while PostgreSQL
 * refuses it for a concurrent update; then the last conflict propagates (the API answers 409).
 */
export function retryingConflicts<T>(work: () => Promise<T>): Promise<T> {
  return backOff(work, {
    numOfAttempts: 5,
    startingDelay: 10,
    timeMultiple: 2,
    maxDelay: 200,
    jitter: 'full',
    retry: (error: unknown) => isConcurrencyConflict(error),
  });
}
