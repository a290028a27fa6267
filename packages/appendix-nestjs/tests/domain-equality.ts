import { expect } from '@jest/globals';
import { Batch, OrderLine } from '../src/domain/model';

/**
 * Jest compares objects field by field; the domain decides equality itself (the book's `__eq__`):
 * lines by value, batches by reference. Surrogate ids the ORM adds are not part of either.
 */
function domainEquality(a: unknown, b: unknown): boolean | undefined {
  if (a instanceof OrderLine && b instanceof OrderLine) return a.equals(b);
  if (a instanceof Batch && b instanceof Batch) return a.equals(b);
  return undefined;
}

/** Makes `toEqual` in the calling test file compare domain objects as the domain does. */
export function compareAsTheDomainDoes(): void {
  expect.addEqualityTesters([domainEquality]);
}
