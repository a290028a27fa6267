// A unit of work that starts from a product as this process last committed it, when another process
// has changed it since: before anything is written, the work starts over from the database (three
// attempts in all); once something is written, it fails, as its objects hold what a rollback undid.
import type { DataSource } from 'typeorm';
import { randomBatchref, randomOrderid, randomSku } from 'shared';
import { Batch, OrderLine, Product } from '../../src/domain/model';
import { createDataSource } from '../../src/adapters/database';
import { StaleProduct } from '../../src/adapters/repository';
import { TypeOrmUnitOfWork } from '../../src/service-layer/unit-of-work';
import { useTestDatabase } from '../database';

const db = useTestDatabase();

/** Another process: a pool, and what it committed, of its own. */
let otherProcess: DataSource;
beforeEach(async () => {
  otherProcess = await createDataSource(db.url).initialize();
});
afterEach(() => otherProcess.destroy());

/** A product of one batch of `qty` (10 unless told), in the database only: no process keeps it yet. */
async function stock(qty = 10): Promise<{ sku: string; ref: string }> {
  const [sku, ref] = [randomSku(), randomBatchref()];
  await db.dataSource.query('INSERT INTO products (sku, version_number) VALUES ($1, 1)', [sku]);
  await db.dataSource.query('INSERT INTO batches (reference, sku, _purchased_quantity) VALUES ($1, $2, $3)', [
    ref,
    sku,
    qty,
  ]);
  return { sku, ref };
}

async function allocate(uow: TypeOrmUnitOfWork, sku: string): Promise<void> {
  await uow.run(async () => {
    (await uow.products.get(sku))?.allocate(new OrderLine(randomOrderid(), sku, 1));
    await uow.commit();
  });
}

/** Makes this process keep `sku` at its version, then has another process change it: it is stale here. */
async function makeStale(sku: string): Promise<void> {
  await allocate(new TypeOrmUnitOfWork(db.dataSource), sku);
  await allocate(new TypeOrmUnitOfWork(otherProcess), sku);
}

/** Stock a stale product: 10 in its batch, 2 of them allocated (by this process and another), at version 3. */
async function staleProduct(): Promise<{ sku: string; ref: string }> {
  const product = await stock();
  await makeStale(product.sku);
  return product;
}

/** Runs `work` in a new unit of work and commits it; counts the times the block ran. */
async function attempted(work: (uow: TypeOrmUnitOfWork) => Promise<void>) {
  const uow = new TypeOrmUnitOfWork(db.dataSource);
  let attempts = 0;
  const done = uow.run(async () => {
    attempts += 1;
    if (attempts > 3) throw new Error('a fourth attempt');
    await work(uow);
    await uow.commit();
  });
  const error = await done.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { attempts, error };
}

/** What the database holds of a product: its version, its batches' quantities and its lines. */
async function stored(sku: string) {
  return db.dataSource.query<unknown[]>(
    'SELECT p.version_number AS version, b._purchased_quantity AS qty, count(a.orderline_id)::int AS lines' +
      ' FROM products p JOIN batches b ON b.sku = p.sku LEFT JOIN allocations a ON a.batch_id = b.id' +
      ' WHERE p.sku = $1 GROUP BY p.version_number, b.id ORDER BY b.id',
    [sku],
  );
}

async function getProduct(uow: TypeOrmUnitOfWork, sku: string): Promise<Product> {
  const product = await uow.products.get(sku);
  if (product === null) throw new Error(`no product ${sku}`);
  return product;
}

describe('before anything is written, the work starts over from the database', () => {
  it.each([
    ['a new quantity', 20],
    ['the quantity it had', 10],
  ])('a batch changed to %s', async (_, qty) => {
    const { sku, ref } = await staleProduct();

    const { attempts, error } = await attempted(async (uow) => {
      (await getProduct(uow, sku)).changeBatchQuantity(ref, qty);
    });

    expect({ attempts, error }).toEqual({ attempts: 2, error: undefined });
    expect(await stored(sku)).toEqual([{ version: 4, qty, lines: 2 }]);
  });

  it('so a version written alone is found stale, and this process keeps no stale copy to allocate from', async () => {
    const { sku, ref } = await stock(2);
    await makeStale(sku); // its 2 allocated: 1 as this process keeps it

    const versionOnly = await attempted(async (uow) =>
      (await getProduct(uow, sku)).changeBatchQuantity(ref, 2),
    );
    const { error } = await attempted(async (uow) => {
      if ((await getProduct(uow, sku)).allocate(new OrderLine(randomOrderid(), sku, 1)) === null)
        throw new Error('out of stock');
    });

    expect(versionOnly).toEqual({ attempts: 2, error: undefined });
    expect(String(error)).toBe('Error: out of stock');
    expect(await stored(sku)).toEqual([{ version: 4, qty: 2, lines: 2 }]);
  });

  it('a batch changed and a line allocated in one block', async () => {
    const { sku, ref } = await staleProduct();

    const { attempts, error } = await attempted(async (uow) => {
      const product = await getProduct(uow, sku);
      product.changeBatchQuantity(ref, 20);
      product.allocate(new OrderLine(randomOrderid(), sku, 1));
    });

    expect({ attempts, error }).toEqual({ attempts: 2, error: undefined });
    expect(await stored(sku)).toEqual([{ version: 5, qty: 20, lines: 3 }]);
  });

  it('a line allocated with no new version (to the batch itself, not as the domain does)', async () => {
    const { sku } = await staleProduct();

    const { attempts, error } = await attempted(async (uow) => {
      (await getProduct(uow, sku)).batches[0]!.allocate(new OrderLine(randomOrderid(), sku, 1));
    });

    expect({ attempts, error }).toEqual({ attempts: 2, error: undefined });
    expect(await stored(sku)).toEqual([{ version: 3, qty: 10, lines: 3 }]);
  });

  it('an error the block raised from the stale product: the fresh one may not raise it', async () => {
    const { sku } = await staleProduct();

    const { attempts, error } = await attempted(async (uow) => {
      const available = (await getProduct(uow, sku)).batches[0]!.availableQuantity;
      if (available !== 8) throw new Error(`${available} available, as this process last committed it`);
    });

    expect({ attempts, error }).toEqual({ attempts: 2, error: undefined });
  });

  it('but a product stale at every attempt: the unit of work gives up after three', async () => {
    const { sku } = await staleProduct();

    const { attempts, error } = await attempted(async (uow) => {
      await makeStale(sku); // before each attempt reads it
      (await getProduct(uow, sku)).allocate(new OrderLine(randomOrderid(), sku, 1));
    });

    expect(attempts).toBe(3);
    expect(error).toBeInstanceOf(StaleProduct);
    expect(String(error)).toBe(
      `StaleProduct: sku ${sku} changed in the database since this process committed it`,
    );
    expect(await stored(sku)).toEqual([{ version: 9, qty: 10, lines: 8 }]); // 2 lines, and 2 more (and 2 versions) from makeStale at each attempt; none from the block
  });
});

describe('once something is written, the work fails, and nothing of it is committed', () => {
  // each writes something of another product, seen first, loaded from the database (no check)
  const changes: [string, (product: Product, uow: TypeOrmUnitOfWork) => Promise<void> | void][] = [
    ['a new product with no batches', async (_, uow) => uow.products.add(new Product(randomSku(), []))],
    ['a new batch', (p) => void p.batches.push(new Batch(randomBatchref(), p.sku, 5, null))],
    ['a batch quantity', (p) => void (p.batches[0]!._purchasedQuantity = 50)],
    ['a line taken back', (p) => void p.batches[0]!.deallocateOne()],
    ['a version', (p) => void (p.versionNumber += 1)],
    ['an allocation', (p) => void p.allocate(new OrderLine(randomOrderid(), p.sku, 1))],
  ];

  it.each(changes)('%s, written before the stale product', async (_, change) => {
    const other = await stock();
    await allocate(new TypeOrmUnitOfWork(otherProcess), other.sku); // a line to take back
    const before = await stored(other.sku);
    const { sku } = await staleProduct();

    const { attempts, error } = await attempted(async (uow) => {
      await change(await getProduct(uow, other.sku), uow);
      (await getProduct(uow, sku)).allocate(new OrderLine(randomOrderid(), sku, 1));
    });

    expect(attempts).toBe(1);
    expect(error).toBeInstanceOf(StaleProduct);
    expect(error).toHaveProperty('nothingWritten', false);
    expect(await stored(other.sku)).toEqual(before);
    expect(
      await db.dataSource.query('SELECT sku FROM products WHERE sku NOT IN ($1, $2)', [sku, other.sku]),
    ).toEqual([]);
  });
});

it('a database error in the block is the error the caller gets, not one of the check after it', async () => {
  const { sku } = await stock();
  await allocate(new TypeOrmUnitOfWork(db.dataSource), sku); // this process keeps it

  const { error } = await attempted(async (uow) => {
    await getProduct(uow, sku); // as last committed: checked before the block answers, or fails
    await uow.session.execute('INSERT INTO products (sku) VALUES ($1)', [sku]);
  });

  expect(String(error)).toContain('duplicate key value violates unique constraint "products_pkey"');
});
