import type { EntityManager } from 'typeorm';
import { Batch, type OrderLine } from '../domain/model';
import { batches, type Row } from './orm';

export abstract class AbstractRepository {
  abstract add(batch: Batch): Promise<void>;
  abstract get(reference: string): Promise<Batch>;
  abstract list(): Promise<Batch[]>;
}

/** What a batch looked like when the repository last read or wrote it. */
interface Snapshot {
  purchasedQuantity: number;
  allocations: Set<OrderLine>;
}

export class TypeOrmRepository extends AbstractRepository {
  // typeorm tracks no changes, as SQLAlchemy's session does: remember each batch as it was handed
  // out, and flush() writes what changed since, and nothing else
  private readonly loaded = new Map<Batch, Snapshot>();

  constructor(private readonly manager: EntityManager) {
    super();
  }

  async add(batch: Batch): Promise<void> {
    await this.manager.save(batch);
    this.remember(batch);
  }

  async get(reference: string): Promise<Batch> {
    return this.remember(await this.manager.findOneByOrFail(Batch, { reference }));
  }

  async list(): Promise<Batch[]> {
    return (await this.manager.find(Batch)).map((batch) => this.remember(batch));
  }

  /** Writes the changes made to the batches this repository handed out (SQLAlchemy's flush). */
  async flush(): Promise<void> {
    for (const [batch, was] of this.loaded) {
      await this.writeChanges(batch, was);
      this.remember(batch);
    }
  }

  private async writeChanges(batch: Batch, was: Snapshot): Promise<void> {
    const id = (batch as Batch & { id: number }).id;
    if (batch._purchasedQuantity !== was.purchasedQuantity) {
      await this.manager.update(batches, { id }, { _purchasedQuantity: batch._purchasedQuantity });
    }
    const now = new Set(batch._allocations);
    const added = batch._allocations.filter((line) => !was.allocations.has(line));
    const removed = [...was.allocations].filter((line) => !now.has(line));
    for (const line of added) await this.insertAllocation(id, line);
    if (removed.length > 0) {
      await this.manager.createQueryBuilder().relation(batches, '_allocations').of(batch).remove(removed);
    }
  }

  /** Stores a line's allocation to a batch; a line not stored yet goes in with it, in one statement. */
  private async insertAllocation(batchId: number, line: Row<OrderLine>): Promise<void> {
    if (line.id !== undefined) {
      await this.manager.query('INSERT INTO allocations (batch_id, orderline_id) VALUES ($1, $2)', [
        batchId,
        line.id,
      ]);
      return;
    }
    const [stored] = await this.manager.query<[{ id: number }]>(
      'WITH line AS (INSERT INTO order_lines (sku, qty, orderid) VALUES ($1, $2, $3) RETURNING id)' +
        ' INSERT INTO allocations (batch_id, orderline_id) SELECT $4, id FROM line RETURNING orderline_id AS id',
      [line.sku, line.qty, line.orderid, batchId],
    );
    line.id = stored.id; // as typeorm's insert would have set it
  }

  private remember(batch: Batch): Batch {
    this.loaded.set(batch, {
      purchasedQuantity: batch._purchasedQuantity,
      allocations: new Set(batch._allocations),
    });
    return batch;
  }
}
