import { QueryFailedError } from 'typeorm';

/** Which constraint PostgreSQL found violated, for a query that failed on one. */
function violatedConstraint(error: unknown): unknown {
  return error instanceof QueryFailedError
    ? (error.driverError as { constraint?: unknown }).constraint
    : undefined;
}

/** A batch with this reference exists already (the unique index on batches.reference). */
export function isDuplicateBatchref(error: unknown): boolean {
  return violatedConstraint(error) === 'batches_reference_key';
}
