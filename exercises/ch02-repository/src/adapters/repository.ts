import { AbstractRepository } from 'ch02-repository/src/adapters/repository';
import type { Batch } from 'ch02-repository/src/domain/model';

/** All the repository may use of the session: plain SQL, `$1`-style parameters, rows back. */
export interface SqlSession {
  execute<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}

/**
 * The exercise: chapter 2's repository in plain SQL, on the tables chapter 2's migrations make
 * (batches, order_lines, allocations), with no ORM mapping behind it.
 */
export class SqlRepository extends AbstractRepository {
  constructor(private readonly session: SqlSession) {
    super();
  }

  async add(batch: Batch): Promise<void> {
    void [batch, this.session];
    throw todo(
      'add(batch): INSERT the batch into batches, and its allocated lines into order_lines and allocations; a batch added again (it was updated) replaces what is stored',
    );
  }

  async get(reference: string): Promise<Batch> {
    void reference;
    throw todo(
      'get(reference): SELECT the batch from batches, and its lines through allocations, and build the Batch',
    );
  }

  async list(): Promise<Batch[]> {
    throw todo('list(): every batch, as get() builds them');
  }
}

function todo(what: string): Error {
  return new Error(`To do in src/adapters/repository.ts: ${what}`);
}
