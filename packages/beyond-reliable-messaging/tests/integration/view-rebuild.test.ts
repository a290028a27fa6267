// Chapter 12's answer to a view that missed an update: rebuild it from the write side.
import { randomBatchref, randomOrderid, randomSku } from 'shared';
import { LogNotifications } from '../../src/adapters/notifications';
import { bootstrap } from '../../src/bootstrap';
import * as commands from '../../src/domain/commands';
import { TypeOrmUnitOfWork } from '../../src/service-layer/unit-of-work';
import { rebuildAllocationsView } from '../../src/service-layer/view-rebuild';
import * as views from '../../src/views';
import { useTestDatabase } from '../database';

const db = useTestDatabase();
const uow = () => new TypeOrmUnitOfWork(db.dataSource);
const viewRows = () =>
  db.dataSource.query<unknown[]>(
    'SELECT orderid, sku, batchref FROM allocations_view ORDER BY orderid, sku, batchref',
  );

const bus = () => bootstrap({ uow: uow(), notifications: new LogNotifications() });

async function allocated(): Promise<{ sku: string; batchref: string; orders: string[] }> {
  const [sku, batchref] = [randomSku(), randomBatchref()];
  const orders = [randomOrderid(1), randomOrderid(2), randomOrderid(3)];
  await bus().handle(new commands.CreateBatch(batchref, sku, 100, null));
  for (const orderid of orders) await bus().handle(new commands.Allocate(orderid, sku, 10));
  return { sku, batchref, orders };
}

it('puts back what the view missed, and GET answers as before', async () => {
  const { sku, batchref, orders } = await allocated();
  const before = await viewRows();
  await db.dataSource.query('DELETE FROM allocations_view WHERE orderid = ANY($1)', [orders.slice(0, 2)]);
  expect(await views.allocations(orders[0]!, uow())).toEqual([]); // the outage's damage

  expect(await rebuildAllocationsView(uow())).toEqual({ rebuilt: 2 });

  expect(await viewRows()).toEqual(before);
  expect(await views.allocations(orders[0]!, uow())).toEqual([{ sku, batchref }]);
});

it('takes out what the write side no longer holds, and mends a row counted twice', async () => {
  const { sku, batchref, orders } = await allocated();
  const before = await viewRows();
  await db.dataSource.query(
    "INSERT INTO allocations_view (orderid, sku, batchref) VALUES ('gone', $1, $2), ($3, $1, $2)",
    [sku, batchref, orders[0]],
  );

  expect(await rebuildAllocationsView(uow())).toEqual({ rebuilt: 2 });

  expect(await viewRows()).toEqual(before);
});

it('run twice, changes nothing the second time', async () => {
  const { orders } = await allocated();
  await db.dataSource.query('DELETE FROM allocations_view WHERE orderid = $1', [orders[1]]);
  await rebuildAllocationsView(uow());
  const once = await viewRows();

  expect(await rebuildAllocationsView(uow())).toEqual({ rebuilt: 0 });

  expect(await viewRows()).toEqual(once);
});
