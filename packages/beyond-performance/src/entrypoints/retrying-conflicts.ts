import { backOff } from 'exponential-backoff';
import { isConcurrencyConflict } from '../adapters/postgres-errors';

/**
 * Runs `work` again, a bounded number of times with jittered exponential back-off, while it loses a
 * race to a concurrent update (another process's, mostly: within this one the bus queues the
 * commands of a product); then the last conflict propagates, and the API answers 409.
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
