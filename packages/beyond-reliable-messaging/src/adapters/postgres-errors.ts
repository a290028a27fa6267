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

/**
 * A concurrent transaction got to the product first: it changed the product (its version number, at
 * REPEATABLE READ) or created the same new one. The book's chapter 7: this one must not go through.
 */
export function isConcurrencyConflict(error: unknown): boolean {
  const { code, constraint } = refusal(error);
  return code === '40001' || constraint === 'products_pkey';
}

/** The inbox holds this message id already: a delivery of the same message committed first. */
export function isDuplicateMessage(error: unknown): boolean {
  return refusal(error).constraint === 'inbox_pkey';
}
