// What the fast path sends to PostgreSQL for each thing the API does (server-side, PostgreSQL adds the
// foreign-key checks of each INSERT).
import { randomOrderid, randomSku } from 'shared';
import { LogNotifications } from '../../src/adapters/notifications';
import { TypeOrmRepository } from '../../src/adapters/repository';
import { bootstrap } from '../../src/bootstrap';
import * as commands from '../../src/domain/commands';
import { Batch, OrderLine, Product } from '../../src/domain/model';
import type { MessageBus } from '../../src/service-layer/messagebus';
import { TypeOrmUnitOfWork } from '../../src/service-layer/unit-of-work';
import * as views from '../../src/views';
import { useTestDatabase } from '../database';
import { statementsOf } from '../statements';

const db = useTestDatabase();

function sqlBus(): MessageBus {
  return bootstrap({
    uow: new TypeOrmUnitOfWork(db.dataSource),
    notifications: new LogNotifications(),
    publish: async () => {},
  });
}

it('a batch of a new sku: its product and the batch go in with one statement', async () => {
  const sku = randomSku();

  const statements = await statementsOf(db.dataSource, () =>
    sqlBus().handle(new commands.CreateBatch('b1', sku, 10, null)),
  );

  expect(statements).toEqual(['START', 'SELECT', 'WITH', 'COMMIT']); // the SELECT: the handler's get(sku)
  const stored = await db.dataSource.query<unknown[]>(
    'SELECT p.version_number AS version, reference, _purchased_quantity AS qty FROM products p JOIN batches USING (sku) WHERE sku = $1',
    [sku],
  );
  expect(stored).toEqual([{ version: 0, reference: 'b1', qty: 10 }]);
});

it('an allocation: one statement, with no transaction around it, and the read model its own', async () => {
  const sku = randomSku();
  await sqlBus().handle(new commands.CreateBatch('b1', sku, 10, null));

  const statements = await statementsOf(db.dataSource, () =>
    sqlBus().handle(new commands.Allocate(randomOrderid(), sku, 1)),
  );

  expect(statements).toEqual(['WITH', 'INSERT']);
});

it('an order out of stock, from what this process last committed: one SELECT, its check', async () => {
  const sku = randomSku();
  await sqlBus().handle(new commands.CreateBatch('b1', sku, 10, null));
  await sqlBus().handle(new commands.Allocate(randomOrderid(), sku, 1)); // kept as committed

  const statements = await statementsOf(db.dataSource, () =>
    sqlBus().handle(new commands.Allocate(randomOrderid(), sku, 100)),
  );

  expect(statements).toEqual(['SELECT']); // nothing to write; the SELECT checks that the database still holds the product as kept
});

it.each([
  // the first SELECT finds the batch's sku; the product is the one kept, checked by the UPDATE...
  ['the quantity it had', 10, ['START', 'SELECT', 'UPDATE', 'COMMIT']],
  // ...or before both UPDATEs
  ['a new one', 20, ['START', 'SELECT', 'SELECT', 'UPDATE', 'UPDATE', 'COMMIT']],
])(
  'a batch quantity changed to %s, from what this process last committed: checked once',
  async (_, qty, expected) => {
    const sku = randomSku();
    await sqlBus().handle(new commands.CreateBatch('b1', sku, 10, null));
    await sqlBus().handle(new commands.Allocate(randomOrderid(), sku, 1)); // kept as committed, at version 1

    const statements = await statementsOf(db.dataSource, () =>
      sqlBus().handle(new commands.ChangeBatchQuantity('b1', qty)),
    );

    expect(statements).toEqual(expected);
    const stored = await db.dataSource.query<unknown[]>(
      'SELECT version_number AS version, _purchased_quantity AS qty FROM products JOIN batches USING (sku) WHERE sku = $1',
      [sku],
    );
    expect(stored).toEqual([{ version: 2, qty }]);
  },
);

it('a read of the view: one SELECT, with no transaction around it', async () => {
  const [sku, orderid] = [randomSku(), randomOrderid()];
  await sqlBus().handle(new commands.CreateBatch('b1', sku, 10, null));
  await sqlBus().handle(new commands.Allocate(orderid, sku, 1));

  let found: views.AllocationView[] = [];
  const statements = await statementsOf(db.dataSource, async () => {
    found = await views.allocations(orderid, sqlBus().uow);
  });

  expect(found).toEqual([{ sku, batchref: 'b1' }]);
  expect(statements).toEqual(['SELECT']);
});

it('a commit of more than one statement sends them in one transaction: all of them or none', async () => {
  const sku = randomSku();
  const session = await db.session();
  const batch = new Batch('b1', sku, 10, null);
  batch.allocate(Object.assign(new OrderLine('o1', sku, 1), { id: 2_000_000_000 })); // no such line is stored
  await new TypeOrmRepository(session).add(new Product(sku, [batch]));

  const statements = await statementsOf(db.dataSource, () =>
    expect(session.commit()).rejects.toThrow('violates foreign key constraint'),
  );

  expect(statements).toEqual(['START', 'WITH', 'INSERT']); // the product and its batch, then the allocation
  await session.close();
  expect(await db.dataSource.query('SELECT sku FROM products')).toEqual([]);
});
