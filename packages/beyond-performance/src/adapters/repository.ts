import { Batch, type OrderLine, Product } from '../domain/model';
import { CommittedProducts, type Stamp, stampOf } from './committed-products';
import { batches, type Row } from './orm';
import type { ChangeTracker, TypeOrmSession, Write } from './session';

export abstract class AbstractRepository {
  /** Every aggregate this repository handed out or took in, so that their new events can be collected. */
  readonly seen = new Set<Product>();

  async add(product: Product): Promise<void> {
    await this._add(product);
    this.seen.add(product);
  }

  async get(sku: string): Promise<Product | null> {
    const product = await this._get(sku);
    if (product !== null) this.seen.add(product);
    return product;
  }

  async getByBatchref(batchref: string): Promise<Product | null> {
    const product = await this._getByBatchref(batchref);
    if (product !== null) this.seen.add(product);
    return product;
  }

  protected abstract _add(product: Product): Promise<void>;

  protected abstract _get(sku: string): Promise<Product | null>;

  protected abstract _getByBatchref(batchref: string): Promise<Product | null>;
}

/** What a product and its batches looked like when the repository last read or wrote them. */
interface Snapshot {
  versionNumber: number;
  batches: Map<Batch, { purchasedQuantity: number; allocations: readonly OrderLine[] }>;
}

/**
 * A unit of work started from a product as this process last committed it, and the database holds it
 * no longer (another process, or another unit of work of this one, changed it since): the work must
 * start over. `nothingWritten`: the unit of work had written nothing yet, so its objects are as the
 * block left them (no database ids from a write that is rolled back).
 */
export class StaleProduct extends Error {
  override name = 'StaleProduct';

  constructor(
    sku: string,
    readonly nothingWritten: boolean,
  ) {
    super(`sku ${sku} changed in the database since this process committed it`);
  }
}

/**
 * typeorm tracks no changes, as SQLAlchemy's session does: the repository remembers each product as it
 * was handed out, and writes() plans the statements of what changed since, and nothing else, for the
 * session to send when it commits.
 */
export class TypeOrmRepository extends AbstractRepository implements ChangeTracker {
  private readonly snapshots = new Map<Product, Snapshot>();
  /** Products handed out as this process last committed them, with the stamp the database must still hold. */
  private readonly unchecked = new Map<Product, Stamp>();
  /** Whether a statement of this unit of work has written anything yet. */
  private wrote = false;

  constructor(
    private readonly session: TypeOrmSession,
    private readonly lastCommitted = new CommittedProducts(),
  ) {
    super();
    session.track(this);
  }

  protected async _add(): Promise<void> {
    // nothing to send yet: a product with no snapshot is new, and writes() plans its INSERT
  }

  protected async _get(sku: string): Promise<Product | null> {
    // what this process last committed, with no query: its stamp is checked against the database
    // when the product is written or the unit of work ends (checkUnwritten); else all of it, in one query
    const kept = this.lastCommitted.get(sku);
    if (kept !== undefined) {
      this.unchecked.set(kept, stampOf(kept)!);
      return this.remember(kept);
    }
    const manager = await this.session.transaction();
    const [product = null] = await manager.findBy(Product, { sku }); // sku is its key
    return this.remember(product);
  }

  protected async _getByBatchref(batchref: string): Promise<Product | null> {
    // a find through the batches relation would give the product that one batch only: find its sku first
    const manager = await this.session.transaction();
    const batch = await manager.findOne(Batch, {
      where: { reference: batchref },
      loadEagerRelations: false,
    });
    return batch === null ? null : this._get(batch.sku);
  }

  /** SQLAlchemy's flush, planned: a Write for each statement of what changed in the products seen. */
  writes(): Write[] {
    const checks: Write[] = [];
    const changes: Write[] = [];
    for (const product of this.seen) {
      const was = this.snapshots.get(product);
      if (was === undefined) changes.push(() => this.insertProduct(product)); // a new product
      const { writes, guardedFirst } = this.changesOf(product, was ?? asInserted(product));
      // a product handed out as last committed is checked by the statement that writes its new version
      // when that is the first thing written of it (an allocation), else before anything is written
      if (this.unchecked.has(product) && !guardedFirst) checks.push(() => this.check(product));
      changes.push(...writes);
    }
    return [...checks, ...changes];
  }

  /** Once the session has committed: what was written is now the state to start from. */
  committed(): void {
    for (const product of this.seen) this.lastCommitted.keep(product);
  }

  /**
   * Checks that the database still holds the products handed out as last committed and not written
   * since, one query each (none, most often); throws StaleProduct if not. The unit of work calls it
   * before it answers, or fails, from work it did not commit.
   */
  async checkUnwritten(): Promise<void> {
    for (const product of [...this.unchecked.keys()]) await this.check(product);
  }

  private async check(product: Product): Promise<void> {
    const parameters: unknown[] = [product.sku];
    const held = await this.session.execute<unknown[]>(
      `SELECT 1 FROM products WHERE sku = $1 AND ${stillHolds(this.unchecked.get(product)!, parameters)}`,
      parameters,
    );
    this.confirm(product, held.length > 0);
  }

  /** The product is what the database holds (a statement checked its stamp), or it is stale. */
  private confirm(product: Product, held: boolean): void {
    const stamp = this.unchecked.get(product);
    if (stamp === undefined) return;
    this.unchecked.delete(product);
    if (held) return;
    this.lastCommitted.forget(product.sku, stamp);
    throw new StaleProduct(product.sku, !this.wrote);
  }

  /** A new product's row and its batches, in one statement. */
  private async insertProduct(product: Product): Promise<void> {
    const row = 'INSERT INTO products (sku, version_number) VALUES ($1, $2)';
    const parameters: unknown[] = [product.sku, product.versionNumber];
    if (product.batches.length === 0) await this.session.execute(row, parameters);
    else await this.insertBatches(product.batches, { before: `WITH product AS (${row}) `, parameters });
    this.wrote = true;
  }

  /** New batches in one statement, each given its database id; `before` goes first (a new product's row). */
  private async insertBatches(newBatches: Batch[], { before = '', parameters = [] as unknown[] } = {}) {
    const parameter = (value: unknown) => `$${parameters.push(value)}`;
    const rows = newBatches.map(
      (b) =>
        `(${parameter(b.reference)}, ${parameter(b.sku)}, ${parameter(b._purchasedQuantity)}, ${parameter(b.eta)})`,
    );
    const stored = await this.session.execute<{ id: number; reference: string }[]>(
      `${before}INSERT INTO batches (reference, sku, _purchased_quantity, eta) VALUES ${rows.join(', ')}` +
        ' RETURNING id, reference',
      parameters,
    );
    for (const { id, reference } of stored)
      (newBatches.find((batch) => batch.reference === reference) as Row<Batch>).id = id;
    this.wrote = true;
  }

  /**
   * The statements that write what changed in a product since `was`, one Write each, and whether the
   * first of them is the one that writes its new version, which checks the product's stamp.
   */
  private changesOf(product: Product, was: Snapshot): { writes: Write[]; guardedFirst: boolean } {
    const writes: Write[] = [];
    // a new version goes out with the product's first new allocation, in its statement
    let newVersion = product.versionNumber !== was.versionNumber ? product : undefined;
    let guardedFirst = false;
    const newBatches = product.batches.filter((batch) => !was.batches.has(batch));
    if (newBatches.length > 0) writes.push(() => this.insertBatches(newBatches));
    for (const batch of product.batches) {
      const before = was.batches.get(batch);
      if (before !== undefined && batch._purchasedQuantity !== before.purchasedQuantity)
        writes.push(() => this.updateQuantity(batch));
      const { added, removed } = changesBetween(before?.allocations ?? [], batch._allocations);
      for (const line of added) {
        const version = newVersion;
        guardedFirst ||= version !== undefined && writes.length === 0;
        writes.push(() => this.insertAllocation(batch, line, version));
        newVersion = undefined;
      }
      if (removed.length > 0) writes.push(() => this.removeAllocations(batch, removed));
    }
    if (newVersion !== undefined) {
      // no allocation to go with (a new quantity, lines taken back)
      guardedFirst = writes.length === 0;
      writes.push(() => this.updateVersion(product));
    }
    return { writes, guardedFirst };
  }

  private async updateQuantity(batch: Row<Batch>): Promise<void> {
    const manager = await this.session.transaction();
    await manager.update(batches, { id: batch.id }, { _purchasedQuantity: batch._purchasedQuantity });
    this.wrote = true;
  }

  private async removeAllocations(batch: Batch, lines: OrderLine[]): Promise<void> {
    const manager = await this.session.transaction();
    await manager.createQueryBuilder().relation(batches, '_allocations').of(batch).remove(lines);
    this.wrote = true;
  }

  private async updateVersion(product: Product): Promise<void> {
    const parameters: unknown[] = [product.versionNumber, product.sku];
    // typeorm answers an UPDATE with its rows and their count: [rows, count]
    const [, updated] = await this.session.execute<[unknown[], number]>(
      `UPDATE products SET version_number = $1 WHERE sku = $2${this.stampGuard(product, parameters)}`,
      parameters,
    );
    this.confirm(product, updated > 0);
    this.wrote = true;
  }

  /**
   * Stores a line's allocation to a batch in one statement: with the line, when it is not stored yet,
   * and with the product's new version, when it has one to write (checking, for a product handed out
   * as last committed, that the database still holds it so: else the statement writes nothing).
   */
  private async insertAllocation(
    batch: Row<Batch>,
    line: Row<OrderLine>,
    newVersion?: Product,
  ): Promise<void> {
    const parameters: unknown[] = [batch.id]; // a new batch has its id by now: its INSERT came first
    const parameter = (value: unknown) => `$${parameters.push(value)}`;
    const steps: string[] = [];
    let from = ''; // each row of the version's update, when there is one: none when stale
    if (newVersion !== undefined) {
      const [version, sku] = [parameter(newVersion.versionNumber), parameter(newVersion.sku)];
      const check = this.stampGuard(newVersion, parameters);
      steps.push(
        `new_version AS (UPDATE products SET version_number = ${version} WHERE sku = ${sku}${check} RETURNING sku)`,
      );
      from = ' FROM new_version';
    }
    let lineId = line.id === undefined ? undefined : `${parameter(line.id)}::int`;
    if (lineId === undefined) {
      const values = `${parameter(line.sku)}::varchar, ${parameter(line.qty)}::int, ${parameter(line.orderid)}::varchar`;
      steps.push(
        `line AS (INSERT INTO order_lines (sku, qty, orderid) SELECT ${values}${from} RETURNING id)`,
      );
      [lineId, from] = ['line.id', ' FROM line'];
    }
    const [stored] = await this.session.execute<{ id: number }[]>(
      `${steps.length > 0 ? `WITH ${steps.join(', ')} ` : ''}` +
        `INSERT INTO allocations (batch_id, orderline_id) SELECT $1::int, ${lineId}${from} RETURNING orderline_id AS id`,
      parameters,
    );
    if (newVersion !== undefined) this.confirm(newVersion, stored !== undefined);
    line.id = stored!.id; // as typeorm's insert would have set it
    this.wrote = true;
  }

  /** For a product handed out as last committed and not checked yet: the SQL condition that the database still holds it so. */
  private stampGuard(product: Product, parameters: unknown[]): string {
    const stamp = this.unchecked.get(product);
    return stamp === undefined ? '' : ` AND ${stillHolds(stamp, parameters)}`;
  }

  private remember<P extends Product | null>(product: P): P {
    if (product === null) return product;
    const state = (batch: Batch) => ({
      purchasedQuantity: batch._purchasedQuantity,
      allocations: [...batch._allocations],
    });
    this.snapshots.set(product, {
      versionNumber: product.versionNumber,
      batches: new Map(product.batches.map((batch) => [batch, state(batch)])),
    });
    return product;
  }
}

/** A new product as its INSERT stores it: its batches, none of its lines yet. */
function asInserted(product: Product): Snapshot {
  const stored = (batch: Batch) => ({ purchasedQuantity: batch._purchasedQuantity, allocations: [] });
  return {
    versionNumber: product.versionNumber,
    batches: new Map(product.batches.map((batch) => [batch, stored(batch)])),
  };
}

/**
 * The lines added to a batch and taken from it since `before`. Most often lines were only added at the
 * end, which comparing positions finds without hashing every line the batch holds.
 */
function changesBetween(
  before: readonly OrderLine[],
  now: readonly OrderLine[],
): { added: OrderLine[]; removed: OrderLine[] } {
  if (startsWith(now, before)) return { added: now.slice(before.length), removed: [] };
  const [was, is] = [new Set(before), new Set(now)];
  return { added: now.filter((line) => !was.has(line)), removed: before.filter((line) => !is.has(line)) };
}

/** Whether `lines` begins with `prefix`, line for line; from the end, where a batch's lines change. */
function startsWith(lines: readonly OrderLine[], prefix: readonly OrderLine[]): boolean {
  if (prefix.length > lines.length) return false;
  // a plain loop: every() with a callback takes six times as long over 10,000 lines
  for (let i = prefix.length - 1; i >= 0; i--) if (lines[i] !== prefix[i]) return false;
  return true;
}

/** SQL: the row of `products` holds this stamp (its values are added to `parameters`). */
function stillHolds(stamp: Stamp, parameters: unknown[]): string {
  const version = `$${parameters.push(stamp.versionNumber)}`;
  const batchIds = `$${parameters.push(stamp.batchIds)}`;
  return (
    `version_number = ${version} AND ` +
    `ARRAY(SELECT id FROM batches WHERE batches.sku = products.sku ORDER BY id) = ${batchIds}::int[]`
  );
}
