import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';

/**
 * Syntax: what came in is not what a message must look like (not JSON, or not what its schema says).
 * The one error type of the edge, for HTTP and Redis alike: the API answers it 400, the consumer
 * logs and skips it. Nothing that fails here reaches the message bus.
 */
export class MalformedMessage extends Error {
  override name = 'MalformedMessage';
}

/** JSON text to a value; text that is not JSON, or holds a lone UTF-16 surrogate, is a `MalformedMessage`. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text, wellFormedOnly);
  } catch (error) {
    throw new MalformedMessage(`Not valid JSON: ${(error as Error).message}`);
  }
}

/** JSON.parse's reviver: text holding a lone UTF-16 surrogate (`"\ud800"`) is no text. */
function wellFormedOnly(key: string, value: unknown): unknown {
  if (key.isWellFormed() && (typeof value !== 'string' || value.isWellFormed())) return value;
  throw new Error(`a lone UTF-16 surrogate in ${JSON.stringify(key)}`);
}

/** `data` as `schema` says it must be; its first fault, named after `subject`, as a `MalformedMessage`. */
export function check<S extends TSchema>(schema: S, data: unknown, subject: string): Static<S> {
  if (Value.Check(schema, data)) return data;
  const [first] = Value.Errors(schema, data);
  const where = (first?.instancePath ?? '').replaceAll('/', '.');
  throw new MalformedMessage(`${subject}${where} ${first?.message ?? 'is malformed'}`);
}
