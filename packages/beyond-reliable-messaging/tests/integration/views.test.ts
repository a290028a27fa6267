import { LogNotifications } from '../../src/adapters/notifications';
import { bootstrap } from '../../src/bootstrap';
import * as commands from '../../src/domain/commands';
import type { MessageBus } from '../../src/service-layer/messagebus';
import { TypeOrmUnitOfWork } from '../../src/service-layer/unit-of-work';
import * as views from '../../src/views';
import { today } from '../unit/dates';
import { useTestDatabase } from '../database';

const db = useTestDatabase();

function sqlBus(): MessageBus {
  return bootstrap({
    uow: new TypeOrmUnitOfWork(db.dataSource),
    notifications: new LogNotifications(),
  });
}

it('allocations view', async () => {
  const bus = sqlBus();
  await bus.handle(new commands.CreateBatch('sku1batch', 'sku1', 50, null));
  await bus.handle(new commands.CreateBatch('sku2batch', 'sku2', 50, today));
  await bus.handle(new commands.Allocate('order1', 'sku1', 20));
  await bus.handle(new commands.Allocate('order1', 'sku2', 20));
  // add a spurious batch and order to make sure we're getting the right ones
  await bus.handle(new commands.CreateBatch('sku1batch-later', 'sku1', 50, today));
  await bus.handle(new commands.Allocate('otherorder', 'sku1', 30));
  await bus.handle(new commands.Allocate('otherorder', 'sku2', 10));

  expect(await views.allocations('order1', bus.uow)).toEqual([
    { sku: 'sku1', batchref: 'sku1batch' },
    { sku: 'sku2', batchref: 'sku2batch' },
  ]);
});

it('deallocation', async () => {
  const bus = sqlBus();
  await bus.handle(new commands.CreateBatch('b1', 'sku1', 50, null));
  await bus.handle(new commands.CreateBatch('b2', 'sku1', 50, today));
  await bus.handle(new commands.Allocate('o1', 'sku1', 40));
  await bus.handle(new commands.ChangeBatchQuantity('b1', 10));

  expect(await views.allocations('o1', bus.uow)).toEqual([{ sku: 'sku1', batchref: 'b2' }]);
});
