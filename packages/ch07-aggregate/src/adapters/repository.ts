import type { EntityManager, FindOptionsWhere } from 'typeorm';
import { Batch, type OrderLine, Product } from '../domain/model';
import { CommittedProducts, stampOf } from './committed-products';
import { batches, products } from './orm';

export abstract class AbstractRepository {
  abstract add(product: Product): Promise<void>;
  abstract get(sku: string): Promise<Product | null>;
}

/** What a product and its batches looked like when the repository last read or wrote them. */
interface Snapshot {
  versionNumber: number;
  batches: Map<Batch, { purchasedQuantity: number; allocations: readonly OrderLine[] }>;
}

type Row<T> = T & { id?: number };

export class TypeOrmRepository extends AbstractRepository {
  // typeorm tracks no changes, as SQLAlchemy's session does: remember each product as it was handed
  // out, and flush() writes what changed since, and nothing else
  private readonly snapshots = new Map<Product, Snapshot>();

  constructor(
    private readonly manager: EntityManager,
    private readonly lastCommitted = new CommittedProducts(),
  ) {
    super();
  }

  /** Writes the changes made to the products this repository handed out (SQLAlchemy's flush). */
  async flush(): Promise<void> {
    for (const [product, was] of this.snapshots) {
      await this.writeChanges(product, was);
      this.remember(product);
    }
  }

  async add(product: Product): Promise<void> {
    // a new product: its row, then its batches and lines as flush() writes them (typeorm's save would
    // first look the product up)
    await this.manager.insert(Product, product);
    await this.writeChanges(product, { versionNumber: product.versionNumber, batches: new Map() });
    this.remember(product);
  }

  /** Once the unit of work has committed: what was written is now the state to start from. */
  committed(): void {
    for (const product of this.snapshots.keys()) this.lastCommitted.keep(product);
  }

  async get(sku: string): Promise<Product | null> {
    // the product's stamp first (one short row); all of it only when what this process last committed is stale
    const [stored] = await this.manager.query<{ version: number; batch_ids: number[] }[]>(
      'SELECT version_number AS version, ARRAY(SELECT id FROM batches WHERE batches.sku = products.sku) AS batch_ids' +
        ' FROM products WHERE sku = $1',
      [sku],
    );
    if (stored === undefined) return null;
    const product =
      this.lastCommitted.get(sku, stampOf(stored.version, stored.batch_ids)) ?? (await this.loadOne({ sku }));
    return this.remember(product);
  }

  private async writeChanges(product: Product, was: Snapshot): Promise<void> {
    // a new version goes out with the product's first new allocation, in its statement
    let newVersion = product.versionNumber !== was.versionNumber ? product : undefined;
    for (const batch of product.batches) {
      const before = was.batches.get(batch);
      if (before === undefined)
        await this.manager.insert(Batch, batch); // sets its id
      else if (batch._purchasedQuantity !== before.purchasedQuantity) {
        await this.manager.update(
          batches,
          { id: (batch as Row<Batch>).id },
          { _purchasedQuantity: batch._purchasedQuantity },
        );
      }
      const { added, removed } = changesBetween(before?.allocations ?? [], batch._allocations);
      for (const line of added) {
        await this.insertAllocation((batch as Row<Batch>).id!, line, newVersion);
        newVersion = undefined;
      }
      if (removed.length > 0) {
        await this.manager.createQueryBuilder().relation(batches, '_allocations').of(batch).remove(removed);
      }
    }
    if (newVersion !== undefined) {
      // no allocation to go with (a new quantity, lines taken back)
      await this.manager.update(products, { sku: product.sku }, { versionNumber: product.versionNumber });
    }
  }

  /**
   * Stores a line's allocation to a batch in one statement: with the line, when it is not stored yet,
   * and with the product's new version, when it has one to write.
   */
  private async insertAllocation(batchId: number, line: Row<OrderLine>, newVersion?: Product): Promise<void> {
    const parameters: unknown[] = [batchId];
    const parameter = (value: unknown) => `$${parameters.push(value)}`;
    const steps: string[] = [];
    if (newVersion !== undefined) {
      const [version, sku] = [parameter(newVersion.versionNumber), parameter(newVersion.sku)];
      steps.push(`new_version AS (UPDATE products SET version_number = ${version} WHERE sku = ${sku})`);
    }
    let lineId = line.id === undefined ? undefined : parameter(line.id);
    if (lineId === undefined) {
      const values = [line.sku, line.qty, line.orderid].map(parameter).join(', ');
      steps.push(`line AS (INSERT INTO order_lines (sku, qty, orderid) VALUES (${values}) RETURNING id)`);
      lineId = '(SELECT id FROM line)';
    }
    const [stored] = await this.manager.query<[{ id: number }]>(
      `${steps.length > 0 ? `WITH ${steps.join(', ')} ` : ''}` +
        `INSERT INTO allocations (batch_id, orderline_id) VALUES ($1, ${lineId}) RETURNING orderline_id AS id`,
      parameters,
    );
    line.id = stored.id; // as typeorm's insert would have set it
  }

  /** One product with its batches and lines, in one query (findOneBy's LIMIT makes typeorm send two). */
  private async loadOne(where: FindOptionsWhere<Product>): Promise<Product | null> {
    const [product = null] = await this.manager.findBy(Product, where);
    return product;
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

/**
 * The lines added to a batch and taken from it since `before`. Most often lines were only added at the
 * end, which comparing positions finds without hashing every line the batch holds.
 */
function changesBetween(
  before: readonly OrderLine[],
  now: readonly OrderLine[],
): { added: OrderLine[]; removed: OrderLine[] } {
  if (before.length <= now.length && before.every((line, i) => now[i] === line))
    return { added: now.slice(before.length), removed: [] };
  const [was, is] = [new Set(before), new Set(now)];
  return { added: now.filter((line) => !was.has(line)), removed: before.filter((line) => !is.has(line)) };
}
