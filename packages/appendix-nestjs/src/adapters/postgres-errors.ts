import { QueryFailedError } from 'typeorm';

/** What PostgreSQL said of a query it refused: its SQLSTATE code, and the constraint it found violated. */
function refusal(error: unknown): { code?: string; constraint?: string } {
  return error instanceof QueryFailedError
    ? (error.driverError as { code?: string; constraint?: string })
    : {};
}

/** A batch with this reference exists already (the unique index on batches.reference). */
export function isDuplicateBatchref(error: unknown): boolean {
  return refusal(error).constraint === 'batches_reference_key';
}
