import { AbstractRepository } from 'ch02-repository/src/adapters/repository';
import { Batch, OrderLine } from 'ch02-repository/src/domain/model';

/** All the repository may use of the session: plain SQL, `$1`-style parameters, rows back. */
export interface SqlSession {
  execute<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}

interface BatchRow {
  id: number;
  reference: string;
  sku: string;
  _purchased_quantity: number;
  eta: string | null;
}

/**
 * Chapter 2's repository in plain SQL, on the tables chapter 2's migrations make (batches,
 * order_lines, allocations), with no ORM mapping behind it.
 */
export class SqlRepository extends AbstractRepository {
  constructor(private readonly session: SqlSession) {
    super();
  }

  /** Saves the batch as it is now: added again after a change, it replaces what is stored. */
  async add(batch: Batch): Promise<void> {
    const [{ id }] = await this.session.execute<[{ id: number }]>(
      'INSERT INTO batches (reference, sku, _purchased_quantity, eta) VALUES ($1, $2, $3, $4) ' +
        'ON CONFLICT (reference) DO UPDATE SET sku = EXCLUDED.sku, ' +
        '_purchased_quantity = EXCLUDED._purchased_quantity, eta = EXCLUDED.eta RETURNING id',
      [batch.reference, batch.sku, batch._purchasedQuantity, batch.eta],
    );
    await this.session.execute(
      'WITH gone AS (DELETE FROM allocations WHERE batch_id = $1 RETURNING orderline_id) ' +
        'DELETE FROM order_lines WHERE id IN (SELECT orderline_id FROM gone)',
      [id],
    );
    for (const line of batch._allocations) {
      await this.session.execute(
        'WITH line AS (INSERT INTO order_lines (orderid, sku, qty) VALUES ($1, $2, $3) RETURNING id) ' +
          'INSERT INTO allocations (orderline_id, batch_id) SELECT id, $4 FROM line',
        [line.orderid, line.sku, line.qty, id],
      );
    }
  }

  async get(reference: string): Promise<Batch> {
    const [row] = await this.session.execute<BatchRow[]>(`${SELECT_BATCHES} WHERE reference = $1`, [
      reference,
    ]);
    if (row === undefined) throw new Error(`no batch ${reference}`);
    return this.load(row);
  }

  async list(): Promise<Batch[]> {
    const rows = await this.session.execute<BatchRow[]>(SELECT_BATCHES);
    return Promise.all(rows.map((row) => this.load(row)));
  }

  private async load(row: BatchRow): Promise<Batch> {
    const batch = new Batch(row.reference, row.sku, row._purchased_quantity, row.eta);
    const lines = await this.session.execute<{ orderid: string; sku: string; qty: number }[]>(
      'SELECT l.orderid, l.sku, l.qty FROM order_lines AS l JOIN allocations AS a ON a.orderline_id = l.id ' +
        'WHERE a.batch_id = $1 ORDER BY l.id',
      [row.id],
    );
    batch._allocations = lines.map((line) => new OrderLine(line.orderid, line.sku, line.qty));
    return batch;
  }
}

// eta as text: the calendar day itself, not a Date at some time zone's midnight
const SELECT_BATCHES = 'SELECT id, reference, sku, _purchased_quantity, eta::text AS eta FROM batches';
