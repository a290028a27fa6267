import { backOff } from 'exponential-backoff';
import { QueryFailedError } from 'typeorm';
import { StaleProduct } from './repository';

/** PostgreSQL's SQLSTATE code of a failed query, if it is one. */
function sqlState(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const { code } = error.driverError as { code?: unknown };
  return typeof code === 'string' ? code : undefined;
}

function violatedConstraint(error: unknown): unknown {
  return (error as { driverError?: { constraint?: unknown } }).driverError?.constraint;
}

/**
 * PostgreSQL refused a transaction because a concurrent one got there first: retrying may succeed.
 * That is a serialization failure, or two requests creating the same new product at once (or, after
 * several attempts, a product other processes kept changing under this one's feet).
 */
export function isConcurrencyConflict(error: unknown): boolean {
  if (error instanceof StaleProduct) return true;
  const state = sqlState(error);
  return state === '40001' || (state === '23505' && violatedConstraint(error) === 'products_pkey');
}

/** A batch with this reference exists already (the unique index on batches.reference). */
export function isDuplicateBatchref(error: unknown): boolean {
  return sqlState(error) === '23505' && violatedConstraint(error) === 'batches_reference_key';
}

/** A value the request's schema let through but PostgreSQL refuses (class 22, data exception). */
export function isRejectedValue(error: unknown): boolean {
  return sqlState(error)?.startsWith('22') ?? false;
}

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
