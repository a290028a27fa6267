import { LogNotifications } from 'ch13-di/src/adapters/notifications';
import * as commands from 'ch13-di/src/domain/commands';
import { TypeOrmUnitOfWork } from 'ch13-di/src/service-layer/unit-of-work';
import * as views from 'ch13-di/src/views';
import { useTestDatabase } from 'ch13-di/tests/database';
import { bootstrap } from '../../app/bootstrap';
import { CancelAllocation } from '../../app/messages';
import { dropPublished } from '../fakes';

const db = useTestDatabase();

it('a cancelled allocation leaves allocations_view, and its stock is free', async () => {
  const bus = bootstrap({
    uow: new TypeOrmUnitOfWork(db.dataSource),
    notifications: new LogNotifications(),
    publish: dropPublished,
  });
  await bus.handle(new commands.CreateBatch('b1', 'sku1', 10, null));
  await bus.handle(new commands.Allocate('o1', 'sku1', 10));
  expect(await views.allocations('o1', bus.uow)).toEqual([{ sku: 'sku1', batchref: 'b1' }]);

  await bus.handle(new CancelAllocation('o1', 'sku1'));

  expect(await views.allocations('o1', bus.uow)).toEqual([]);
  await bus.handle(new commands.Allocate('o2', 'sku1', 10));
  expect(await views.allocations('o2', bus.uow)).toEqual([{ sku: 'sku1', batchref: 'b1' }]);
});
