// What this process last committed: a unit of work starts from it, with no query, while the database
// still holds it so. When another process has changed the product since: before anything is written,
// the work starts over from the database (three attempts in all); once something is written, it fails,
// as its objects hold what a rollback undid.
import type { DataSource } from 'typeorm';
import { randomBatchref, randomOrderid, randomSku } from 'shared';
import { Batch, OrderLine, Product } from '../../src/domain/model';
import { createDataSource } from '../../src/adapters/database';
import { StaleProduct } from '../../src/adapters/repository';
import { TypeOrmUnitOfWork } from '../../src/service-layer/unit-of-work';
import { useTestDatabase } from '../database';
import { statementsOf } from '../statements';

const db = useTestDatabase();

/** Another process: a pool, and what it committed, of its own. */
let otherProcess: DataSource;
beforeEach(async () => {
  otherProcess = await createDataSource(db.url).initialize();
});
afterEach(() => otherProcess.destroy());

/** A product of one batch of `qty`, in the database only: no process keeps it yet. */
async function stock(qty = 10, { sku = randomSku(), ref = randomBatchref() } = {}) {
  await db.dataSource.query('INSERT INTO products (sku, version_number) VALUES ($1, 1)', [sku]);
  await db.dataSource.query('INSERT INTO batches (reference, sku, _purchased_quantity) VALUES ($1, $2, $3)', [
    ref,
    sku,
    qty,
  ]);
  return { sku, ref };
}

/** Allocates 1 of `sku`; the batch it went to, or null when out of stock. */
function allocate(uow: TypeOrmUnitOfWork, sku: string, orderid = randomOrderid()) {
  return uow.run(async () => {
    const batchref = (await uow.products.get(sku))?.allocate(new OrderLine(orderid, sku, 1));
    await uow.commit();
    return batchref;
  });
}

/** Each batch of `sku` with what it has available, as a unit of work of `uow` sees them. */
function available(uow: TypeOrmUnitOfWork, sku: string) {
  return uow.run(async () =>
    (await uow.products.get(sku))?.batches.map((b) => [b.reference, b.availableQuantity]),
  );
}

/** Adds a batch to `sku`, which gives it no new version. */
function addBatch(uow: TypeOrmUnitOfWork, ref: string, sku: string, qty: number) {
  return uow.run(async () => {
    (await uow.products.get(sku))?.batches.push(new Batch(ref, sku, qty, '2011-01-01'));
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

describe('what this process last committed', () => {
  it('is what a unit of work starts from only while the database still holds it so', async () => {
    const sku = randomSku();
    const [here, elsewhere] = [new TypeOrmUnitOfWork(db.dataSource), new TypeOrmUnitOfWork(otherProcess)];
    await stock(10, { sku, ref: 'b1' });

    await allocate(here, sku, 'o1');
    expect(await available(here, sku)).toEqual([['b1', 9]]);

    await allocate(elsewhere, sku, 'o2'); // another process: a new version
    expect(await available(here, sku)).toEqual([['b1', 8]]);

    await allocate(here, sku, 'o3'); // what this process committed last: version 4, batch b1
    await addBatch(elsewhere, 'b2', sku, 5); // still version 4
    expect(await available(here, sku)).toEqual([
      ['b1', 7],
      ['b2', 5],
    ]);
  });

  it('is handed out with no query: an allocation from it is one INSERT, with no transaction around it', async () => {
    const sku = randomSku();
    const here = new TypeOrmUnitOfWork(db.dataSource);
    await stock(10, { sku, ref: 'b1' });
    await allocate(here, sku, 'o1'); // loads the product, and keeps it as committed

    let batchref: string | null | undefined;
    const statements = await statementsOf(db.dataSource, async () => {
      batchref = await allocate(here, sku, 'o2');
    });

    expect(batchref).toBe('b1');
    expect(statements).toEqual(['WITH']); // the new version, the line and its allocation
  });

  it('an allocation from a product another process changed since starts over, and loses nothing', async () => {
    const sku = randomSku();
    const [here, elsewhere] = [new TypeOrmUnitOfWork(db.dataSource), new TypeOrmUnitOfWork(otherProcess)];
    await stock(10, { sku, ref: 'b1' });
    await allocate(here, sku, 'o1');
    await allocate(elsewhere, sku, 'o2');

    expect(await allocate(here, sku, 'o3')).toBe('b1');

    const [{ version }] = await db.dataSource.query<[{ version: number }]>(
      'SELECT version_number AS version FROM products WHERE sku = $1',
      [sku],
    );
    expect(version).toBe(4);
    const orders = await db.dataSource.query<{ orderid: string }[]>(
      'SELECT orderid FROM allocations JOIN order_lines ON order_lines.id = orderline_id ORDER BY orderid',
    );
    expect(orders.map(({ orderid }) => orderid)).toEqual(['o1', 'o2', 'o3']);
    expect(await available(here, sku)).toEqual([['b1', 7]]);
  });

  it('no order is refused for want of stock another process has added since', async () => {
    const sku = randomSku();
    const [here, elsewhere] = [new TypeOrmUnitOfWork(db.dataSource), new TypeOrmUnitOfWork(otherProcess)];
    await stock(1, { sku, ref: 'b1' });
    await allocate(here, sku, 'o1'); // b1 is used up, as this process last committed it

    await addBatch(elsewhere, 'b2', sku, 5);

    expect(await allocate(here, sku, 'o2')).toBe('b2');
  });
});

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
