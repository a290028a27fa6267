import type { FastifyError } from 'fastify';
import { isConcurrencyConflict, isDuplicateBatchref } from '../adapters/postgres-errors';
import { MessageUnprocessable } from '../service-layer/ensure';
import { MalformedMessage } from './message-parsing';

export interface Answer {
  readonly status: number;
  readonly message: string;
}

/**
 * The one mapping of what went wrong to an answer, for every route: syntax (400), semantics (422),
 * a clash with what is stored (409); what fastify refused keeps its status; anything else is a 500,
 * without details.
 */
export function answerTo(error: FastifyError, body: unknown): Answer {
  if (error instanceof MalformedMessage) return { status: 400, message: error.message };
  if (error instanceof MessageUnprocessable) return { status: 422, message: error.message };
  const { ref, sku } = (body ?? {}) as { ref?: string; sku?: string }; // what the request said, as far as it was read
  if (isDuplicateBatchref(error)) return { status: 409, message: `Batch ${ref} already exists` };
  if (isConcurrencyConflict(error))
    return { status: 409, message: `Sku ${sku} was changed by a concurrent request; try again` };
  const status = error.statusCode ?? 500;
  return { status, message: status < 500 ? error.message : 'Internal Server Error' };
}
